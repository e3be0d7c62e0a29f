"""Dependency syntax (slovnet news model): fills Token.id/head/rel. Costly, so run on demand."""

from __future__ import annotations

from ..doc import Analysis
from .models import syntax_parser


def parse_syntax_doc(analysis: Analysis) -> None:
    if not analysis.sents or analysis.sents[0].tokens[0].id:
        return  # already parsed
    words = [[t.text for t in s.tokens] for s in analysis.sents]
    for sent, markup in zip(analysis.sents, syntax_parser().map(words), strict=True):
        for token, tok in zip(sent.tokens, markup.tokens, strict=True):
            token.id = int(tok.id)
            token.head = int(tok.head_id)
            token.rel = tok.rel


def has_syntax(analysis: Analysis) -> bool:
    return bool(analysis.sents) and analysis.sents[0].tokens[0].id > 0
