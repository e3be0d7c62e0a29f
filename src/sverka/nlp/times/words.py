"""The word lists of the time grammar (`src/sverka/data/times/`), loaded once, looked up by lemma.

A list names words in their dictionary form; a token matches when any of its pymorphy3 readings
has one of the listed words' normal forms, so «мае», «среду», «ближайшую» all find their entry.
"""

from __future__ import annotations

from functools import cache

from sverka.config import DATA_DIR
from sverka.nlp.morph import parses

TIMES_DIR = DATA_DIR / "times"


def _lines(name: str) -> list[str]:
    text = (TIMES_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _lines(name)]


def lemmas(word: str) -> set[str]:
    """Every normal form pymorphy3 offers for `word`, with ё as е."""
    found = {p.normal_form.replace("ё", "е") for p in parses(word.lower())}
    return found | {word.lower().replace("ё", "е")}


def _by_lemma(rows: list[tuple[str, object]]) -> dict[str, object]:
    table: dict[str, object] = {}
    for word, value in rows:
        for lemma in lemmas(word):
            table.setdefault(lemma, value)
    return table


@cache
def table(name: str) -> dict[str, object]:
    """A two-column list as {normal form: value}; numbers become int or float."""
    rows = []
    for cols in _rows(name if "." in name else f"{name}.tsv"):
        value: object = cols[1] if len(cols) == 2 else tuple(int(c) for c in cols[1:])
        if isinstance(value, str) and value.lstrip("-").replace(".", "").isdigit():
            value = float(value) if "." in value else int(value)
        rows.append((cols[0], value))
    return _by_lemma(rows)


@cache
def words(name: str) -> frozenset[str]:
    """The normal forms of the first column of a list: what a yargy `dictionary` should hold."""
    return frozenset(table(name))


@cache
def phrases(name: str) -> tuple[str, ...]:
    return tuple(_lines(name))


def lookup(name: str, word: str) -> object:
    """The value of the first reading of `word` found in list `name`, else None."""
    found = table(name)
    return next((found[lemma] for lemma in _ordered_lemmas(word) if lemma in found), None)


def _ordered_lemmas(word: str) -> list[str]:
    return [word.lower().replace("ё", "е")] + [p.normal_form.replace("ё", "е") for p in parses(word.lower())]


@cache
def holidays() -> dict[tuple[str, ...], tuple[int, int]]:
    """{lemmas of the holiday's name: (month, day)} from holidays.tsv."""
    found = {}
    for phrase, month_day in _rows("holidays.tsv"):
        month, day = (int(x) for x in month_day.split("-"))
        found[phrase_key(phrase)] = (month, day)
    return found


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(parses(word.lower())[0].normal_form.replace("ё", "е") for word in phrase.split())
