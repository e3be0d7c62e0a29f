"""Dependency syntax (slovnet news model): fills Token.id/head/rel. Costly, so only stages that
need it (claims, events) pull it in."""

from __future__ import annotations

from sverka.doc import Analysis, Token
from sverka.nlp.models import syntax_parser


def parse_syntax_docs(analyses: list[Analysis]) -> None:
    """Parse the sentences of several documents in one batched pass.

    The parser scores every pair of words, and a batch is padded to its longest sentence: sorted by
    length, batches hold sentences of like size and one long sentence no longer multiplies the work
    of the short ones beside it.
    """
    sents = sorted((s for a in analyses if not has_syntax(a) for s in a.sents), key=lambda s: len(s.tokens))
    markups = syntax_parser().map([[t.text for t in s.tokens] for s in sents])
    for sent, markup in zip(sents, markups, strict=True):
        for token, tok in zip(sent.tokens, markup.tokens, strict=True):
            token.id = int(tok.id)
            token.head = int(tok.head_id)
            token.rel = tok.rel
        break_cycles(sent.tokens)


def break_cycles(tokens: list[Token]) -> None:
    """Make the heads a tree: the parser picks each head on its own and can close a loop
    (a → b → a), which would send every walk up or down the tree round for ever. A token on a
    loop is hung from the sentence's root instead."""
    heads = {t.id: t.head for t in tokens}
    root = next((t.id for t in tokens if t.head == 0), 0)
    for token in tokens:
        seen, cur = set(), token.id
        while cur and cur not in seen:
            seen.add(cur)
            cur = heads.get(cur, 0)
        if cur:  # came back to a token already on the path: a loop
            loop_token = next(t for t in tokens if t.id == cur)
            loop_token.head = 0 if root in (0, cur) else root
            if loop_token.head == 0:
                root = cur
            heads[cur] = loop_token.head


def parse_syntax_doc(analysis: Analysis) -> None:
    parse_syntax_docs([analysis])


def has_syntax(analysis: Analysis) -> bool:
    return bool(analysis.sents) and analysis.sents[0].tokens[0].id > 0
