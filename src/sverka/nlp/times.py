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

from yargy.parser import prepare_match, prepare_trees

from ..doc import Analysis, Sent, TimeExpr
from ..pipeline import publication_date
from . import time_periods  # noqa: F401  (registers the composite resolvers)
from .morph import lemma_pos, parses
from .segment import split_sents
from .time_grammar import parsers, tokenizer
from .time_resolve import Context, resolve
from .time_words import lemmas, phrases

BACK = 4  # an expression starts at most this many tokens before its trigger word («днём в понедельник»)
REACH = 11  # and ends within this many tokens after it («ночь с 3 на 4 июня 1989 года»)
PREPOSITIONS = {"в", "во", "на", "с", "со", "до", "к", "ко", "по", "за", "от"}
VERBAL = {"VERB", "PRTF", "PRTS", "GRND"}
CLAUSE_MARKS = {",", ";", ":", "—", "–", "(", ")"}
DIGIT_TRIGGER = re.compile(r"(1[0-9]|20)\d\d(\D|$)|\d+[-.–—/]|\d+$")
# Trigger words besides the month, weekday, day, season and unit lists.
TRIGGERS = {"назад", "ночь", "ночью", "выходной", "выходные", "квартал", "полугодие", "недавно", "момент",
            "последний", "ближайший", "близкий", "скорый", "новый"}
STARTS = {"прошедший", "минувший", "первый", "второй", "третий", "четвертый", "i", "ii", "iii", "iv",
          "утром", "днем", "вечером", "ночью", "через", "спустя"} | PREPOSITIONS


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
    found_at: list[tuple[int, int, Any]] = []
    covered = 0
    for start, end in starts(toks):
        if start < covered:
            continue  # inside an expression found from an earlier start
        match = _longest_at(text, start, end)
        if match is not None:
            found_at.append(match)
            covered = match[1]
    matches = _choose(found_at)
    _share_years(text, matches)
    found = []
    for start, end, fact in matches:
        expr = _expression(text, toks, start, end, fact, p)
        if expr is not None:
            found.append(expr)
    return found


@cache
def trigger_lemmas() -> frozenset[str]:
    """Words without which no expression can be there: the parser runs only near them."""
    listed = {word for name in ("months", "weekdays", "days", "seasons", "units") for word in _column(name)}
    return frozenset(listed | {lemma_pos(w)[0] for w in listed} | TRIGGERS)


@cache
def start_lemmas() -> frozenset[str]:
    """Words an expression can begin with (besides digits and triggers)."""
    first = {line.split()[0] for name in ("vague.txt", "anaphoric.txt") for line in phrases(name)}
    listed = {word for name in ("relative", "numerals", "parts") for word in _column(name)}
    return frozenset({lemma_pos(w)[0] for w in first | listed} | first | listed | trigger_lemmas() | STARTS)


def _column(name: str) -> list[str]:
    return [line.split("\t")[0] for line in phrases(f"{name}.tsv")]


def _words(tok: Tok) -> set[str]:
    parts = tok.text.lower().replace("ё", "е").split("-")  # «ноябре-декабре» is one razdel token
    return {tok.lemma, *parts, *(lemma for w in parts if w for lemma in lemmas(w))}


def is_trigger(tok: Tok) -> bool:
    if tok.text[0].isdigit():
        return _year_like(tok.text) or (bool(DIGIT_TRIGGER.match(tok.text)) and not tok.text.isdigit())
    if tok.lemma == "новый":  # «Новый год», not every «новый»
        return tok.text[0].isupper()
    return bool(_words(tok) & trigger_lemmas())


def is_start(tok: Tok) -> bool:
    return tok.text[0].isdigit() or bool(_words(tok) & start_lemmas())


def _year_like(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1000 <= int(text) <= 2100


def starts(toks: list[Tok]) -> list[tuple[int, int]]:
    """(start char, end char) of every place the parser should try: a few tokens before a trigger."""
    found: dict[int, int] = {}
    for i, tok in enumerate(toks):
        if is_trigger(tok):
            end = toks[min(len(toks), i + REACH) - 1].end
            for j in range(max(0, i - BACK), i + 1):
                if is_start(toks[j]) and not _idle_preposition(toks, j):
                    found[toks[j].start] = max(found.get(toks[j].start, 0), end)
    return sorted(found.items())


def _idle_preposition(toks: list[Tok], j: int) -> bool:
    """«в Москве»: a preposition only starts an expression when the next word could."""
    return toks[j].lemma in PREPOSITIONS and (j + 1 == len(toks) or not is_start(toks[j + 1]))


def _longest_at(text: str, start: int, end: int) -> tuple[int, int, Any] | None:
    """The longest expression beginning exactly at `start` (Earley chart predicted at one column)."""
    tokens = list(tokenizer()(text[start:end]))
    subs = [sub for sub in parsers() if tokens and sub.can_start(tokens)]
    trees = [tree for sub in subs for tree in prepare_trees(sub.matches(tokens))]
    # Longest first; building a match (and its fact) is the costly part, so stop at the first valid one.
    best = next((m for m in map(prepare_match, sorted(trees, key=lambda t: -t.range[1])) if m is not None), None)
    if best is None:
        return None
    tokens, fact = best.tokens, best.fact.fact
    first = 0
    while (first < len(tokens) - 1 and tokens[first].value.lower() in PREPOSITIONS
           and not _keeps_preposition(fact, tokens[first:])):
        first += 1
    return start + tokens[first].span.start, start + best.span.stop, fact


def _keeps_preposition(fact: Any, tokens: list[Any]) -> bool:
    """«с X по Y», «с начала X», «до конца X», «на днях» keep their preposition (docs/times.md)."""
    kind = type(fact).__name__
    if kind in ("Edge", "Range"):
        return True
    if kind == "Vague" and fact.phrase == "на днях":
        return True
    head = " ".join(t.value.lower() for t in tokens[:2])
    return kind in ("Vague", "Anaphoric") and any(line.startswith(head) for line in prepositional_phrases())


@cache
def prepositional_phrases() -> tuple[str, ...]:
    lines = [line for name in ("vague.txt", "anaphoric.txt") for line in phrases(name)]
    return tuple(line for line in lines if line.split()[0] in PREPOSITIONS)


def _choose(matches: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Longest first, then no overlaps; in text order."""
    kept: list[tuple[int, int, Any]] = []
    for m in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if all(m[1] <= k[0] or m[0] >= k[1] for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m[0])


def _share_years(text: str, matches: list[tuple[int, int, Any]]) -> None:
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


def _expression(text: str, toks: list[Tok], start: int, end: int, fact: Any, p: date | None) -> TimeExpr | None:
    kind = type(fact).__name__
    after = [t for t in toks if t.start >= end]
    if kind == "RelDay" and text[start:end].lower() == "накануне" and after and _genitive(after[0].text):
        return None  # «накануне выборов»: a preposition, not «the day before»
    if kind == "Year" and text[end - 1].isdigit() and after and _genitive(after[0].text):
        return None  # «до 1675 военнослужащих»: a count, not a year
    if kind == "Season" and not _season_is_dated(text, toks, start, fact):
        return None  # «весна и осень» as such, the film «Лето»
    if kind == "Last" and fact.num is None and _plural_without_number(text[start:end]):
        return TimeExpr(start=start, end=end, text=text[start:end], value=None, granularity="vague")
    context = Context(p, tense(toks, start, end))
    value, granularity = resolve(fact, context)
    if kind == "Shift" and fact.sign == 1 and (context.tense == "past" or (after and after[0].text.lower() == "после")):
        value, granularity = None, "anaphoric"  # «через два дня после выборов», «через год получил»
    return TimeExpr(start=start, end=end, text=text[start:end], value=value, granularity=granularity)


def _season_is_dated(text: str, toks: list[Tok], start: int, fact: Any) -> bool:
    """A season names a date when it has a year or «этой/прошлой», is an adverb («летом»), or
    follows a preposition («за лето», «до весны»); not a bare noun or a quoted title."""
    if fact.year or fact.year_rel is not None or fact.rel is not None:
        return True
    if text[max(0, start - 1):start] in "«\"“„":
        return False
    before = [t for t in toks if t.end <= start]
    word = text[start:].split()[0].lower()
    return word in ("зимой", "весной", "летом", "осенью") or bool(before and before[-1].lemma in PREPOSITIONS)


def _plural_without_number(span: str) -> bool:
    """«последние годы», «за последние дни»: no count, so no range (but «последние сутки» is one day)."""
    words = span.lower().split()
    return "plur" in parses(words[0])[0].tag and lemma_pos(words[-1])[0] != "сутки"


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
        if found == "futr" and _was_near(toks, i):
            found = "past"  # «должен был получить», «планировалось»: a plan in the past
        edge = _index(toks, start if tok.start < start else end)
        between = toks[min(i, edge):max(i, edge)]
        # a verb behind a comma or dash is likely another clause's: count it as farther
        distance = abs(i - edge) + 10 * sum(t.text in CLAUSE_MARKS for t in between)
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def _was_near(toks: list[Tok], i: int) -> bool:
    near = toks[max(0, i - 2):i + 3]
    return any(t.text.lower() in ("был", "была", "было", "были") for t in near)


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
