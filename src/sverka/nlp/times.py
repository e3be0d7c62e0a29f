"""The "times" stage: find time expressions and resolve them against the publication day P.

Only short windows of tokens around trigger words (months, weekdays, «вчера», «неделе», years
…) go through the yargy parser (`time_grammar`), so sentences without dates cost a set lookup.
Each match becomes a `TimeExpr` whose value `time_resolve` computes from P and the tense of the
nearest verb. Conventions with examples: docs/times.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Any

from ..doc import Analysis, Sent, TimeExpr
from ..pipeline import publication_date
from . import time_periods  # noqa: F401  (registers the composite resolvers)
from .morph import lemma_pos, parses
from .segment import split_sents
from .time_grammar import parser
from .time_resolve import Context, resolve
from .time_words import lemmas, phrases, words

WINDOW = 7  # tokens kept on each side of a trigger; longer than any expression's reach
PREPOSITIONS = {"в", "во", "на", "с", "со", "до", "к", "ко", "по", "за", "от"}
KEEP_PREPOSITION = {"Edge", "Range", "Night", "Vague", "Anaphoric"}
VERBAL = {"VERB", "PRTF", "PRTS", "GRND"}
DIGIT_TRIGGER = re.compile(r"(1[0-9]|20)\d\d(\D|$)|\d+[-.–—/]|\d+$")
STOP = {"в", "на", "за", "до", "тот", "этот", "же", "первый", "последний", "ближайший", "следующий",
        "несколько", "пара", "день"}


@dataclass
class Tok:
    start: int
    end: int
    text: str
    lemma: str


def resolve_times_doc(analysis: Analysis) -> None:
    p = publication_date(analysis.published)
    analysis.times = [t for sent in analysis.sents for t in find_in_sent(analysis.text, sent, p)]


def find_times(text: str, published: date | None) -> list[TimeExpr]:
    """Time expressions of a plain text; `published` is P (a date, or None when unknown)."""
    found = []
    for sent in split_sents(text):
        for token in sent.tokens:
            token.lemma = lemma_pos(token.text)[0]
        found.extend(find_in_sent(text, sent, published))
    return found


def find_in_sent(text: str, sent: Sent, p: date | None) -> list[TimeExpr]:
    toks = [Tok(t.start, t.end, t.text, (t.lemma or t.text).lower()) for t in sent.tokens]
    matches = [m for lo, hi in windows(toks) for m in _parse(text, toks[lo].start, toks[hi - 1].end)]
    _share_years(text, matches)
    found = []
    for start, end, fact in matches:
        expr = _expression(text, toks, start, end, fact, p)
        if expr is not None:
            found.append(expr)
    return found


@cache
def trigger_lemmas() -> frozenset[str]:
    lists = ("months", "weekdays", "days", "seasons", "units", "parts")
    listed = set().union(*(words(name) for name in lists))
    extra = {"назад", "через", "ночь", "ночью", "выходной", "квартал", "полугодие", "половина", "новый"}
    phrase_words = {w for name in ("vague.txt", "anaphoric.txt") for line in phrases(name) for w in line.split()}
    return frozenset(listed | extra | {lemma for w in phrase_words for lemma in lemmas(w)} - STOP)


def is_trigger(tok: Tok) -> bool:
    if tok.text[0].isdigit():
        return _year_like(tok.text) or (bool(DIGIT_TRIGGER.match(tok.text)) and not tok.text.isdigit())
    return tok.lemma in trigger_lemmas() or tok.text.lower() in trigger_lemmas()


def _year_like(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1000 <= int(text) <= 2100


def windows(toks: list[Tok]) -> list[tuple[int, int]]:
    """Merged [lo, hi) token ranges around triggers: the only text the parser sees."""
    spans: list[tuple[int, int]] = []
    for i, tok in enumerate(toks):
        if is_trigger(tok):
            lo, hi = max(0, i - WINDOW), min(len(toks), i + WINDOW + 1)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return spans


def _parse(text: str, start: int, end: int) -> list[tuple[int, int, Any]]:
    found = []
    for match in parser().findall(text[start:end]):
        tokens = match.tokens
        fact = match.fact.fact
        first = 0
        while (type(fact).__name__ not in KEEP_PREPOSITION and first < len(tokens) - 1
               and tokens[first].value.lower() in PREPOSITIONS):
            first += 1
        found.append((start + tokens[first].span.start, start + match.span.stop, fact))
    return found


def _share_years(text: str, matches: list[tuple[int, int, Any]]) -> None:
    """«30 июня и 1 июля 2019 года», «в ноябре и декабре 2023 года»: the year of the last one."""
    for (_, end, fact), (start, _, other) in pairwise(matches):
        between = text[end:start].strip(" ,").lower()
        year = getattr(other, "year", None) if type(other).__name__ in ("Date", "Month") else None
        joined = between in ("и", "или", "-", "—", "–", "") and year
        if type(fact).__name__ in ("Date", "Month") and joined and not fact.year and fact.year_rel is None:
            fact.year = year


def _expression(text: str, toks: list[Tok], start: int, end: int, fact: Any, p: date | None) -> TimeExpr | None:
    kind = type(fact).__name__
    after = [t for t in toks if t.start >= end]
    if kind == "RelDay" and text[start:end].lower() == "накануне" and after and _genitive(after[0].text):
        return None  # «накануне выборов»: a preposition, not «the day before»
    value, granularity = resolve(fact, Context(p, tense(toks, start, end)))
    if kind == "Shift" and fact.sign == 1 and after and after[0].text.lower() == "после":
        value, granularity = None, "anaphoric"  # «через два дня после выборов»
    return TimeExpr(start=start, end=end, text=text[start:end], value=value, granularity=granularity)


def _genitive(word: str) -> bool:
    best = parses(word.lower())[0]
    return "gent" in best.tag and best.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO", "NUMR")


def tense(toks: list[Tok], start: int, end: int) -> str | None:
    """past | futr of the verb nearest to the expression; None for the present or no verb."""
    best: tuple[int, str | None] | None = None
    for i, tok in enumerate(toks):
        if start <= tok.start < end:
            continue
        found = verb_tense(tok.text)
        if found == "":
            continue
        distance = abs(i - _index(toks, start if tok.start < start else end))
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def _index(toks: list[Tok], offset: int) -> int:
    return next((i for i, t in enumerate(toks) if t.start >= offset), len(toks))


@cache
def future_markers() -> frozenset[str]:
    return frozenset(lemma for w in phrases("future_markers.txt") for lemma in lemmas(w))


@cache
def verb_tense(word: str) -> str | None:
    """"" when `word` is not a verb form; else past | futr | None (present, infinitive)."""
    if not word[0].isalpha():
        return ""
    best = parses(word.lower())[0]
    if best.normal_form in future_markers():
        return "futr"
    if best.tag.POS not in VERBAL:
        return ""
    found = str(best.tag.tense) if best.tag.tense else None
    return found if found in ("past", "futr") else None
