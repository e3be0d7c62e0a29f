"""What the sentence around a match says about it: a year shared with a neighbour, a count
rather than a year, a season named as such, a plural with no number."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sverka.nlp.morph import lemma_pos, parses
from sverka.nlp.times.triggers import PREPOSITIONS, Tok


def share_years(text: str, matches: list[tuple[int, int, Any]]) -> None:
    """«30 июня и 1 июля 2019 года», «в ноябре и декабре 2023 года»: the year of the next one;
    «в январе 1999 года … 28 января»: the year of the same month named earlier in the sentence."""
    for i, (_, _, fact) in enumerate(matches):
        if type(fact).__name__ == "Date" and not fact.year and fact.year_rel is None:
            named = [f for _, _, f in matches[:i] if type(f).__name__ in ("Date", "Month") and f.year]
            same = [f.year for f in named if f.month == fact.month]
            fact.year = same[-1] if same else None
    for (_, end, fact), (start, _, other) in pairwise(matches):
        between = text[end:start].strip(" ,").lower()
        year = getattr(other, "year", None) if type(other).__name__ in ("Date", "Month") else None
        joined = between in ("и", "или", "-", "—", "–", "") and year
        if type(fact).__name__ in ("Date", "Month") and joined and not fact.year and fact.year_rel is None:
            fact.year = year


def season_is_dated(text: str, toks: list[Tok], start: int, fact: Any) -> bool:
    """A season names a date when it has a year or «этой/прошлой», is an adverb («летом»), or
    follows a preposition («за лето», «до весны»); not a bare noun or a quoted title."""
    if fact.year or fact.year_rel is not None or fact.rel is not None:
        return True
    if text[max(0, start - 1):start] in "«\"“„":
        return False
    before = [t for t in toks if t.end <= start]
    word = text[start:].split()[0].lower()
    return word in ("зимой", "весной", "летом", "осенью") or bool(before and before[-1].lemma in PREPOSITIONS)


def plural_without_number(span: str) -> bool:
    """«последние годы», «за последние дни»: no count, so no range (but «последние сутки» is one day)."""
    words = span.lower().split()
    return "plur" in parses(words[0])[0].tag and lemma_pos(words[-1])[0] != "сутки"


def genitive(word: str) -> bool:
    readings = parses(word.lower())
    if word[:1].isupper() and any(p.tag.grammemes & {"Surn", "Name"} and "nomn" in p.tag for p in readings):
        return False  # «Накануне Песков заявил»: a name in the nominative is the subject, not «накануне чего»
    best = readings[0]
    return "gent" in best.tag and best.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO", "NUMR")


def counted(word: str) -> bool:
    """«1000 человек», «1675 военнослужащих»: a noun a number counts (genitive plural)."""
    readings = parses(word.lower())
    if readings[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
        return False
    return any("gent" in p.tag and "plur" in p.tag for p in readings)


def just_past(span: str, fact: Any) -> bool:
    """«минувший вторник», «прошедшие выходные»: the most recent one (a week is still last week)."""
    first = span.lower().split()[0]
    weekend = type(fact).__name__ == "Period" and "выходн" in span.lower()
    return (type(fact).__name__ == "Weekday" or weekend) and parses(first)[0].normal_form in JUST_PAST


JUST_PAST = {"минувший", "прошедший", "пройти"}
