"""The "times" stage: find time expressions and resolve them against the publication day P.

Only short windows of tokens around trigger words (months, weekdays, «вчера», «неделе», years
…) go through the yargy parser (`time_grammar`), so sentences without dates cost a set lookup.
Each match becomes a `TimeExpr` whose value `time_resolve` computes from P and the tense of the
nearest verb. Conventions with examples: docs/times.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from yargy.parser import prepare_match, prepare_trees

from sverka.doc import Analysis, Sent, TimeExpr
from sverka.nlp.morph import lemma_pos
from sverka.nlp.segment import split_sents
from sverka.nlp.times import periods  # noqa: F401  (registers the composite resolvers)
from sverka.nlp.times.context import counted, genitive, just_past, plural_without_number, season_is_dated, share_years
from sverka.nlp.times.parsers import near_words, parsers, tokenizer
from sverka.nlp.times.resolve import Context, resolve
from sverka.nlp.times.tense import tense
from sverka.nlp.times.triggers import PREPOSITIONS, Tok, any_trigger, clean, starts
from sverka.nlp.times.words import phrases
from sverka.pipeline import publication_date

TARGETED = {"Date", "Month", "Season", "Weekday", "Holiday"}


@dataclass
class DocYear:
    """The year last named in the document («в 2019 году», «5 мая 2019 года»). Without P it gives
    «18 июня» further on its year; with P the tense rule decides instead (docs/times.md)."""

    year: int | None = None


def resolve_times_doc(analysis: Analysis) -> None:
    p, named = publication_date(analysis.published), DocYear()
    analysis.times = [t for sent in analysis.sents for t in find_in_sent(analysis.text, sent, p, named)]


def find_times(text: str, published: date | None) -> list[TimeExpr]:
    """Time expressions of a plain text; `published` is P (a date, or None when unknown)."""
    found, named = [], DocYear()
    for sent in split_sents(text):
        for token in sent.tokens:
            token.lemma = lemma_pos(token.text)[0]
        found.extend(find_in_sent(text, sent, published, named))
    return found


def find_in_sent(text: str, sent: Sent, p: date | None, named: DocYear | None = None) -> list[TimeExpr]:
    if not any_trigger([(t.text, t.lemma) for t in sent.tokens]):
        return []
    toks = [_tok(t.start, t.end, t.text, t.lemma) for t in sent.tokens]
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
    share_years(text, matches)
    if named is not None:
        _use_document_year(matches, p, named)
    found = []
    for start, end, fact in matches:
        expr = _expression(text, toks, start, end, fact, p)
        if expr is not None:
            found.append(expr)
    return found


def _target_preposition(toks: list[Tok], start: int, kind: str) -> bool:
    """«опубликовал курс на 27.11», «продлил до весны», «к 1 октября держали»: a deadline or target
    date after a past-tense verb is the one nearest to P, not necessarily a past one."""
    return kind in TARGETED and _preposition_before(toks, start) in ("на", "до", "к", "ко")


def _preposition_before(toks: list[Tok], start: int) -> str | None:
    before = [t for t in toks if t.end <= start]
    return before[-1].lemma if before else None


def _tok(start: int, end: int, text: str, lemma: str) -> Tok:
    word = clean(text)  # «⚡️Завтра» → «Завтра»
    if word != text:
        return Tok(start + len(text) - len(word), end, word, lemma_pos(word)[0].lower())
    return Tok(start, end, text, (lemma or text).lower())


def _use_document_year(matches: list[tuple[int, int, Any]], p: date | None, named: DocYear) -> None:
    for _, _, fact in matches:
        kind = type(fact).__name__
        if kind in ("Date", "Month") and p is None and not fact.year and fact.year_rel is None and named.year:
            fact.year = named.year
        elif kind in ("Date", "Month", "Year") and fact.year and not getattr(fact, "year2", None):
            named.year = fact.year


def _longest_at(text: str, start: int, end: int) -> tuple[int, int, Any] | None:
    """The longest expression beginning exactly at `start` (Earley chart predicted at one column)."""
    tokens = list(tokenizer()(text[start:end]))
    near = near_words(tokens)
    subs = [sub for sub in parsers() if tokens and sub.can_start(tokens, near)]
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


def _expression(text: str, toks: list[Tok], start: int, end: int, fact: Any, p: date | None) -> TimeExpr | None:
    kind = type(fact).__name__
    after = [t for t in toks if t.start >= end]
    if kind == "RelDay" and text[start:end].lower() == "накануне" and after and genitive(after[0].text):
        return None  # «накануне выборов»: a preposition, not «the day before»
    if kind == "Year" and text[end - 1].isdigit() and after and counted(after[0].text):
        return None  # «до 1675 военнослужащих»: a count, not a year
    if kind == "Season" and not season_is_dated(text, toks, start, fact):
        return None  # «весна и осень» as such, the film «Лето»
    near_plural = kind == "Period" and fact.rel == "near" and "выходн" not in text[start:end].lower()
    if ((kind == "Last" and fact.num is None) or near_plural) and plural_without_number(text[start:end]):
        return TimeExpr(start=start, end=end, text=text[start:end], value=None, granularity="vague")
    read_in = tense(toks, start, end)
    if kind in ("Weekday", "Period") and fact.rel == -1 and just_past(text[start:end], fact):
        fact.rel, read_in = None, "past"  # «в минувший вторник»: the latest one, not last week's
    if read_in == "past" and _target_preposition(toks, start, kind):
        read_in = None
    if read_in is None and kind == "Weekday" and _preposition_before(toks, start) in ("с", "со"):
        read_in = "futr"  # «с понедельника начинаем»: a start in the present tense lies ahead
    context = Context(p, read_in)
    value, granularity = resolve(fact, context)
    later = (kind == "Shift" and fact.sign == 1) or (kind == "Vague" and text[start:end].lower().startswith("через"))
    if later and (context.tense == "past" or (after and after[0].text.lower() == "после")):
        value, granularity = None, "anaphoric"  # «через два дня после выборов», «через год получил»
    return TimeExpr(start=start, end=end, text=text[start:end], value=value, granularity=granularity)


