"""The syntax stage gives trees: loops the parser closes are broken, so walks over heads end."""

from __future__ import annotations

import pytest

from sverka.doc import Token
from sverka.nlp.syntax import break_cycles


def tokens(heads: list[int]) -> list[Token]:
    return [Token(i, i + 1, "w", "w", "X", id=i + 1, head=h) for i, h in enumerate(heads)]


def reaches_root(toks: list[Token]) -> bool:
    heads = {t.id: t.head for t in toks}
    for t in toks:
        cur, steps = t.id, 0
        while cur and steps <= len(toks):
            cur, steps = heads[cur], steps + 1
        if cur:
            return False
    return True


@pytest.mark.parametrize("heads", [[2, 1, 0, 3], [2, 1], [2, 3, 1], [0, 3, 4, 2], [1]])
def test_every_token_reaches_the_root(heads: list[int]) -> None:
    toks = tokens(heads)
    break_cycles(toks)
    assert reaches_root(toks)


def test_a_tree_is_left_alone() -> None:
    toks = tokens([2, 0, 2, 3])
    break_cycles(toks)
    assert [t.head for t in toks] == [2, 0, 2, 3]
