"""Highlighted snippets: a window of the text around the words that matched the query."""

from __future__ import annotations

from .terms import match_spans

WIDTH = 240  # characters of context in a snippet


def snippet(text: str, wanted: list[frozenset[str]], width: int = WIDTH) -> tuple[str, list[list[int]]]:
    """A window of `text` around the first match, and the matches as offsets into the window."""
    spans = match_spans(text, wanted)
    start = 0
    if spans and spans[0][1] > width:
        start = max(0, spans[0][0] - width // 3)
        start = _word_start(text, start)
    end = min(len(text), start + width)
    if end < len(text):
        end = _word_end(text, end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    marks = [[s + shift, e + shift] for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, marks


def _word_start(text: str, i: int) -> int:
    while 0 < i < len(text) and not text[i - 1].isspace():
        i += 1
    return i if i < len(text) else 0


def _word_end(text: str, i: int) -> int:
    j = text.rfind(" ", 0, i)
    return j if j > i - 40 else i
