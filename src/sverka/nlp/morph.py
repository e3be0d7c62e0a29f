"""Lemma and part of speech for every token (pymorphy3, cached per word form).

pymorphy3's best parse is used without context: it is fast and good enough for lemma search;
stages that need disambiguated case and gender (names) ask `parses()` for all readings.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sverka.doc import Analysis
from sverka.nlp.models import morph_analyzer


def tag_morph_doc(analysis: Analysis) -> None:
    for sent in analysis.sents:
        for token in sent.tokens:
            token.lemma, token.pos = lemma_pos(token.text)


@lru_cache(maxsize=200_000)
def lemma_pos(word: str) -> tuple[str, str]:
    if not any(ch.isalpha() for ch in word):
        return word, "PUNCT" if not any(ch.isdigit() for ch in word) else "NUM"
    parse = parses(word)[0]  # shares the cache with stages that need every reading (times)
    return parse.normal_form.replace("ё", "е"), str(parse.tag.POS or "X")


@lru_cache(maxsize=100_000)
def parses(word: str) -> tuple[Any, ...]:
    return tuple(morph_analyzer().parse(word))


def lemmatize(text: str) -> list[str]:
    """Lemmas of the words in `text`, lower-cased; what full-text search indexes and queries with."""
    from razdel import tokenize

    return [lemma_pos(t.text)[0].lower() for t in tokenize(text) if any(ch.isalnum() for ch in t.text)]
