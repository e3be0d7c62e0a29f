"""Sentences and tokens with offsets (razdel)."""

from __future__ import annotations

from razdel import sentenize, tokenize

from ..doc import Analysis, Sent, Token

# Sentences longer than this are cut so one runaway "sentence" (a list, a table, a wall of
# text with no full stops) cannot blow up the CNN taggers' memory.
MAX_SENT_CHARS = 2000


def segment_doc(analysis: Analysis) -> None:
    analysis.sents = list(split_sents(analysis.text))


def split_sents(text: str) -> list[Sent]:
    sents = []
    for s in sentenize(text):
        for start, end in _bounded(s.start, s.stop):
            chunk = text[start:end]
            tokens = [
                Token(start=start + t.start, end=start + t.stop, text=t.text, lemma="", pos="")
                for t in tokenize(chunk)
            ]
            if tokens:
                sents.append(Sent(start=start, end=end, text=chunk, tokens=tokens))
    return sents


def _bounded(start: int, end: int) -> list[tuple[int, int]]:
    return [(s, min(s + MAX_SENT_CHARS, end)) for s in range(start, end, MAX_SENT_CHARS)]
