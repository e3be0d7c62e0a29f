"""Calendar values of the facts the time grammar matched, against the publication day P.

The conventions (docs/times.md) live here: a fact becomes a day, an inclusive range of days
or None, with a granularity. `tense` ("past", "futr" or None) comes from the verb nearest to
the expression and decides which of several candidate dates a bare weekday or month means.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sverka.doc import TimeValue
from sverka.nlp.times.words import lemmas

Interval = tuple[date, date]
MONTH_PARTS = {"start": (1, 10), "middle": (11, 20), "end": (21, 31)}
YEAR_PARTS = {"start": (1, 3), "middle": (4, 9), "end": (10, 12)}
DECADE_PARTS = {"start": (0, 3), "middle": (4, 6), "end": (7, 9)}
CENTURY_PARTS = {"start": (0, 29), "middle": (30, 69), "end": (70, 99)}  # years after the first one


OUT_OF_RANGE = {"Shift": "year", "Last": "range", "Year": "year", "Decade": "decade", "Century": "century"}


@dataclass
class Context:
    p: date | None  # the publication day, None when unknown
    tense: str | None = None  # past | futr | None


def resolve(fact: Any, ctx: Context) -> tuple[TimeValue, str]:
    kind = type(fact).__name__
    if kind in ("Vague", "Anaphoric"):
        return None, kind.lower()
    try:
        interval, granularity = RESOLVERS[kind](fact, ctx)
    except (ValueError, OverflowError):  # «2500 лет назад»: before year 1, beyond what `date` holds
        return None, OUT_OF_RANGE.get(kind, "day")
    return as_value(interval), granularity


def as_value(interval: Interval | None) -> TimeValue:
    if interval is None:
        return None
    start, end = interval
    return start.isoformat() if start == end else {"start": start.isoformat(), "end": end.isoformat()}


def month_interval(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_interval(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def pick(candidates: list[Interval], ctx: Context, rel: Any = None) -> Interval | None:
    """The candidate a tense (or «прошлый»/«следующий») points at; else the nearest to P."""
    if ctx.p is None or not candidates:
        return None
    p, candidates = ctx.p, sorted(candidates)
    if rel == -1:
        return next((c for c in reversed(candidates) if c[1] < p), None)
    if rel in (1, "near"):
        return next((c for c in candidates if c[0] > p), None)
    if ctx.tense == "past":
        return next((c for c in reversed(candidates) if c[0] <= p), None)
    if ctx.tense == "futr":
        return next((c for c in candidates if c[1] >= p), None)
    return min(candidates, key=lambda c: (0 if c[0] <= p <= c[1] else min(abs((c[0] - p).days), abs((c[1] - p).days))))


def _near_years(ctx: Context) -> list[int]:
    return [ctx.p.year - 1, ctx.p.year, ctx.p.year + 1] if ctx.p else []


def _year_of(fact: Any, ctx: Context) -> int | None:
    if getattr(fact, "year", None):
        return fact.year
    rel = getattr(fact, "year_rel", None)
    if isinstance(rel, int) and ctx.p:
        return ctx.p.year + rel
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_date(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    if not fact.month:
        return None, "day"
    year = _year_of(fact, ctx)
    if year:
        day = _safe_date(year, fact.month, fact.day)
        return ((day, day) if day else None), "day"
    days = [d for d in (_safe_date(y, fact.month, fact.day) for y in _near_years(ctx)) if d]
    return pick([(d, d) for d in days], ctx), "day"


def resolve_month(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    granularity = "range" if fact.month2 else "month"
    year = _year_of(fact, ctx)
    if fact.rel == 0 and ctx.p:
        year = ctx.p.year
    if year:
        return _months(year, fact.month, fact.month2), granularity
    return pick([_months(y, fact.month, fact.month2) for y in _near_years(ctx)], ctx, fact.rel), granularity


def _months(year: int, first: int, last: int | None) -> Interval:
    start = month_interval(year, first)[0]
    if not last:
        return start, month_interval(year, first)[1]
    return start, month_interval(year + (last < first), last)[1]


def resolve_year(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    if fact.year:
        if fact.year2 and fact.year2 > fact.year:
            return (date(fact.year, 1, 1), date(fact.year2, 12, 31)), "range"
        return year_interval(fact.year), "year"
    if fact.rel == "near":  # «в ближайшие годы»
        return None, "vague"
    if isinstance(fact.rel, int) and ctx.p:
        return year_interval(ctx.p.year + fact.rel), "year"
    return None, "year"


def resolve_relday(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    if ctx.p is None:
        return None, "day"
    day = ctx.p + timedelta(days=fact.offset)
    return (day, day), "day"


def weekday_interval(weekday: int, rel: Any, ctx: Context) -> Interval | None:
    if ctx.p is None:
        return None
    p = ctx.p
    if isinstance(rel, int):  # «в прошлую/эту/следующую пятницу»: that day of the ISO week
        day = p - timedelta(days=p.isoweekday() - 1) + timedelta(weeks=rel, days=weekday - 1)
        return day, day
    days = [p + timedelta(days=k) for k in range(-7, 8) if (p + timedelta(days=k)).isoweekday() == weekday]
    tense = "futr" if rel == "near" else ctx.tense
    return pick([(d, d) for d in days], Context(p, tense))


def resolve_weekday(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    return weekday_interval(fact.weekday, fact.rel, ctx), "day"


def _unit(word: str | None) -> str | None:
    found = lemmas(word or "")
    for unit, lemma in (("week", "неделя"), ("month", "месяц"), ("year", "год"), ("weekend", "выходной")):
        if lemma in found:
            return unit
    return None


def resolve_period(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    unit = _unit(fact.unit) or "week"
    if ctx.p is None:
        return None, unit
    p, rel = ctx.p, fact.rel
    monday = p - timedelta(days=p.isoweekday() - 1)
    if unit == "month":
        return month_interval(*divmod_month(p, rel if isinstance(rel, int) else 0)), "month"
    if unit == "year":
        return year_interval(p.year + (rel if isinstance(rel, int) else 0)), "year"
    if unit == "week":
        start = monday + timedelta(weeks=rel if isinstance(rel, int) else 0)
        return (start, start + timedelta(days=6)), "week"
    if isinstance(rel, int):
        saturday = monday + timedelta(weeks=rel, days=5)
        return (saturday, saturday + timedelta(days=1)), "weekend"
    weekends = [(monday + timedelta(weeks=k, days=5), monday + timedelta(weeks=k, days=6)) for k in (-1, 0, 1)]
    return pick(weekends, Context(p, "futr" if rel == "near" else ctx.tense)), "weekend"


def divmod_month(p: date, rel: int) -> tuple[int, int]:
    shifted = add_months(p.replace(day=1), rel)
    return shifted.year, shifted.month


def _shifted(p: date, unit: str, n: float) -> date:
    if unit == "hour":  # «за последние 24 часа», «3 часа назад»: whole days only, at least one for a range
        return p + timedelta(days=int(n / 24))
    if unit == "day":
        return p + timedelta(days=n)
    if unit == "week":
        return p + timedelta(weeks=n)
    if unit == "month":
        return add_months(p, int(n))
    if unit == "halfyear":
        return add_months(p, int(n * 6))
    if unit == "decade":
        return add_months(p, int(n) * 120)
    return add_months(p, int(n) * 12)


def resolve_shift(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    unit, num = fact.unit, fact.num if fact.num is not None else 1
    if unit == "year" and num != int(num):  # «через полтора года»: 18 months, a month
        unit, num = "month", num * 12
    if unit == "halfyear":  # «полгода назад»: six months, a month
        unit, num = "month", num * 6
    granularity = {"hour": "day", "day": "day", "week": "day", "month": "month", "year": "year"}.get(unit, "vague")
    if ctx.p is None or num != int(num) or granularity == "vague":
        return None, granularity
    day = _shifted(ctx.p, unit, fact.sign * num)
    if granularity == "month":
        return month_interval(day.year, day.month), "month"
    if granularity == "year":
        return year_interval(day.year), "year"
    return (day, day), "day"


def resolve_last(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    num = fact.num if fact.num is not None else 1
    if ctx.p is None or num != int(num):
        return None, "range"
    other = _shifted(ctx.p, fact.unit, fact.sign * num)
    if other == ctx.p:  # «последние 3 часа» may reach into the day before
        other = ctx.p + timedelta(days=fact.sign)
    return (min(other, ctx.p), max(other, ctx.p)), "range"


RESOLVERS: dict[str, Any] = {
    "Date": resolve_date,
    "Month": resolve_month,
    "Year": resolve_year,
    "RelDay": resolve_relday,
    "Weekday": resolve_weekday,
    "Period": resolve_period,
    "Shift": resolve_shift,
    "Last": resolve_last,
}


def register(kind: str) -> Any:
    def wrap(func: Any) -> Any:
        RESOLVERS[kind] = func
        return func

    return wrap
