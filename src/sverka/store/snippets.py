"""Highlighted snippets: a window of the text around the words that matched the query."""

from __future__ import annotations

from sverka.store.terms import index_terms_of, words

WIDTH = 240  # characters of context in a snippet


def snippet(text: str, wanted: list[frozenset[str]], width: int = WIDTH) -> tuple[str, list[list[int]]]:
    """A window of `text` around the first match, and the matches as offsets into the window.

    Words are read lazily and only up to the end of the window: a 35k-character article costs
    no more than a post."""
    every = frozenset().union(*wanted) if wanted else frozenset()
    start, end, spans = 0, _window_end(text, 0, width), []
    found = False
    for s, e, word in words(text) if every else ():
        if found and s >= end:
            break
        if not index_terms_of(word) & every:
            continue
        if not found:
            found = True
            if e > end:  # the first match is past the opening window: centre on it
                start = _word_start(text, max(0, s - width // 3))
                end = _window_end(text, start, width)
        if e <= end:
            spans.append((s, e))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    return prefix + text[start:end] + suffix, [[s + shift, e + shift] for s, e in spans]


def _window_end(text: str, start: int, width: int) -> int:
    end = min(len(text), start + width)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > end - 40 else end
    return end


def _word_start(text: str, i: int) -> int:
    """The start of the first whole word at or after i."""
    while 0 < i < len(text) and not text[i - 1].isspace():
        i += 1
    return i if i < len(text) else 0
