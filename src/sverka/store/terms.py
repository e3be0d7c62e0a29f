"""What full-text search indexes and asks for: word forms, lemmas, and the lemmas of name readings.

pymorphy3's best reading alone loses surnames: "Токаев" → "токай", "Песков" → "песок", while
"Токаева" → "токаева". So a text word is indexed as its lower-cased form, its best lemma
(`sverka.nlp.morph.lemma_pos`) and the lemmas of its name readings (Surn, Name, Patr, Geox, Orgn).
A query word matches when any of its terms is indexed: its form, and for a capitalised word its
name lemmas (its best lemma only when it has no name reading), for a lower-case word its best lemma.
"""

from __future__ import annotations

import re
from functools import lru_cache

from razdel import tokenize

from ..nlp.morph import lemma_pos, parses

NAME_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn")
TERM_CHARS = re.compile(r"[^\w-]+")


def words(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.stop, t.text) for t in tokenize(text) if any(ch.isalnum() for ch in t.text)]


def _clean(term: str) -> str:
    return TERM_CHARS.sub("", term.casefold().replace("ё", "е")).strip("-")


@lru_cache(maxsize=200_000)
def name_lemmas(word: str) -> frozenset[str]:
    if not any(ch.isalpha() for ch in word):
        return frozenset()
    return frozenset(_clean(p.normal_form) for p in parses(word) if any(tag in p.tag for tag in NAME_TAGS))


@lru_cache(maxsize=200_000)
def index_terms_of(word: str) -> frozenset[str]:
    terms = {_clean(word), _clean(lemma_pos(word)[0])} | name_lemmas(word)
    return frozenset(t for t in terms if t)


@lru_cache(maxsize=10_000)
def query_terms_of(word: str) -> frozenset[str]:
    names = name_lemmas(word)
    if word[:1].isupper():
        extra = names or {_clean(lemma_pos(word)[0])}
    else:
        extra = {_clean(lemma_pos(word)[0])}
    return frozenset(t for t in {_clean(word), *extra} if t)


def index_text(text: str) -> str:
    """The text as indexed: every term of every word, space-separated."""
    return " ".join(" ".join(sorted(index_terms_of(w))) for _, _, w in words(text))


def query_terms(q: str) -> list[frozenset[str]]:
    """One set of alternatives per query word (duplicates dropped); all words must match."""
    found: list[frozenset[str]] = []
    for _, _, w in words(q):
        terms = query_terms_of(w)
        if terms and terms not in found:
            found.append(terms)
    return found


def match_spans(text: str, wanted: list[frozenset[str]]) -> list[tuple[int, int]]:
    """[start, end) of the words of `text` that match any query word."""
    if not wanted:
        return []
    every = frozenset().union(*wanted)
    return [(s, e) for s, e, w in words(text) if index_terms_of(w) & every]
