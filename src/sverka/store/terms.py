"""What full-text search indexes and asks for: word forms, lemmas, and the lemmas of name readings.

pymorphy3's best reading alone loses surnames: "Токаев" → "токай", "Песков" → "песок", while
"Токаева" → "токаева". So a text word is indexed as its lower-cased form, its best lemma
(`sverka.nlp.morph.lemma_pos`) and the lemmas of its name readings (Surn, Name, Patr, Geox, Orgn).
A query word matches when any of its terms is indexed: its form, and for a capitalised word its
name lemmas (its best lemma only when it has no name reading), for a lower-case word its best lemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from sverka.nlp.morph import lemma_pos, parses

NAME_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn")
TERM_CHARS = re.compile(r"[^\w-]+")
# Words and hyphenated compounds ("Касым-Жомарт", "из-за"); a regex is ~10x faster than razdel here.
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def words(text: str) -> Iterator[tuple[int, int, str]]:
    return ((m.start(), m.end(), m.group()) for m in WORD.finditer(text))


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


@lru_cache(maxsize=200_000)
def _indexed(word: str) -> str:
    return " ".join(sorted(index_terms_of(word)))


def index_text(text: str) -> str:
    """The text as indexed: every term of every word, space-separated."""
    return " ".join(_indexed(m.group()) for m in WORD.finditer(text))


def query_terms(q: str) -> list[frozenset[str]]:
    """One set of alternatives per query word (duplicates dropped); all words must match."""
    found: list[frozenset[str]] = []
    for _, _, w in words(q):
        terms = query_terms_of(w)
        if terms and terms not in found:
            found.append(terms)
    return found
