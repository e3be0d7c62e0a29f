"""Tokens by character offset: which tokens a span covers, and the tokens before or after it."""

from __future__ import annotations

from bisect import bisect_left

from sverka.doc import Sent, Token


class TokenIndex:
    def __init__(self, sents: list[Sent], text: str) -> None:
        self.all = [t for s in sents for t in s.tokens]
        self.starts = [t.start for t in self.all]
        self.text = text

    def before(self, start: int, count: int) -> list[Token]:
        i = bisect_left(self.starts, start)
        return self.all[max(0, i - count) : i]

    def after(self, end: int, count: int) -> list[Token]:
        i = bisect_left(self.starts, end)
        return self.all[i : i + count]

    def tokens(self, start: int, end: int) -> list[Token]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.all) and self.all[i].start < end:
            out.append(self.all[i])
            i += 1
        return out
