"""Sentences and tokens with offsets (razdel), emoji masked out of the words."""

from __future__ import annotations

from razdel import sentenize, tokenize

from sverka.doc import Analysis, Sent, Token
from sverka.nlp.symbols import mask_symbols

# Sentences longer than this are cut so one runaway "sentence" (a list, a table, a wall of
# text with no full stops) cannot blow up the CNN taggers' memory.
MAX_SENT_CHARS = 2000


def segment_doc(analysis: Analysis) -> None:
    analysis.sents = list(split_sents(analysis.text))


def split_sents(text: str) -> list[Sent]:
    """Sentences and tokens of `text`, found in its copy with emoji masked (same offsets)."""
    masked = mask_symbols(text)
    sents = []
    for s in sentenize(masked):
        for start, end in _bounded(s.start, s.stop):
            tokens = [
                Token(start=start + t.start, end=start + t.stop, text=t.text, lemma="", pos="")
                for t in tokenize(masked[start:end])
            ]
            if tokens:
                sents.append(Sent(start=start, end=end, text=text[start:end], tokens=tokens))
    return sents


def _bounded(start: int, end: int) -> list[tuple[int, int]]:
    return [(s, min(s + MAX_SENT_CHARS, end)) for s in range(start, end, MAX_SENT_CHARS)]
