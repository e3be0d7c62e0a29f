"""Values of the composite facts: parts and halves, «с начала»/«до конца», ranges, seasons,
quarters, decades, nights and holidays. Registered into `time_resolve.RESOLVERS`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sverka.nlp.times.resolve import (
    CENTURY_PARTS,
    DECADE_PARTS,
    MONTH_PARTS,
    YEAR_PARTS,
    Context,
    Interval,
    _near_years,
    _unit,
    _year_of,
    month_interval,
    pick,
    register,
    resolve_date,
    resolve_month,
    resolve_period,
    resolve_weekday,
    resolve_year,
    weekday_interval,
    year_interval,
)
from sverka.nlp.times.words import holidays, phrase_key


def target(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    """The whole period a part, an edge or a range end refers to, and its kind."""
    kind = type(fact).__name__
    if kind == "Period":
        unit = _unit(fact.unit)
        if unit is None or ctx.p is None:
            return None, unit or "year"
        interval, _ = resolve_period(type(fact)(unit=fact.unit, rel=fact.rel or 0), ctx)
        return interval, unit
    if kind == "Decade":
        return resolve_decade(fact, ctx)[0], "decade"
    if kind == "Century":
        return resolve_century(fact, ctx)[0], "century"
    func = {"Month": resolve_month, "Year": resolve_year, "Date": resolve_date, "Weekday": resolve_weekday}[kind]
    interval, granularity = func(fact, ctx)
    return interval, {"range": "year" if kind == "Year" else "month"}.get(granularity, granularity)


@register("Part")
def resolve_part(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    if fact.target is None:  # «в первом полугодии»: of the year of P
        whole, kind = (year_interval(ctx.p.year) if ctx.p else None), "year"
    else:
        whole, kind = target(fact.target, ctx)
    name = f"{kind}_half" if fact.half else f"{kind}_part"
    if whole is None or kind not in ("month", "year", "decade", "century") or (fact.half not in (None, 1, 2)):
        return None, name
    start, end = whole
    if kind == "month":
        first, last = (1, 15) if fact.half == 1 else (16, 31) if fact.half else MONTH_PARTS[fact.part]
        last = min(last, end.day)
        return (start.replace(day=first), start.replace(day=last)), name
    if kind == "year":
        first, last = (1, 6) if fact.half == 1 else (7, 12) if fact.half else YEAR_PARTS[fact.part]
        return (month_interval(start.year, first)[0], month_interval(start.year, last)[1]), name
    if kind == "century":
        first, last = (0, 49) if fact.half == 1 else (50, 99) if fact.half else CENTURY_PARTS[fact.part]
    else:
        first, last = (0, 4) if fact.half == 1 else (5, 9) if fact.half else DECADE_PARTS[fact.part]
    return (date(start.year + first, 1, 1), date(start.year + last, 12, 31)), name


@register("Edge")
def resolve_edge(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    whole, _ = target(fact.target, ctx)
    if whole is None or ctx.p is None:
        return None, "range"
    interval = (whole[0], ctx.p) if fact.edge == "since" else (ctx.p, whole[1])
    return (interval if interval[0] <= interval[1] else None), "range"  # «до конца 2012 года» said in 2018


@register("Range")
def resolve_range(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    start, end = fact.start, fact.end
    if type(start).__name__ == "Date" and type(end).__name__ == "Date":
        start = type(start)(day=start.day, month=start.month or end.month,
                            year=start.year or end.year, year_rel=start.year_rel or end.year_rel)
    if type(start).__name__ == "Month" and type(end).__name__ == "Month" and not start.year and end.year:
        # «август — сентябрь 2014», «декабрь — январь 2015 года»: the year of the end
        year = end.year - (start.month > end.month)
        start = type(start)(month=start.month, month2=None, year=year, year_rel=None, rel=None)
    first, _ = target(start, ctx)
    if first is None:
        return None, "range"
    if type(end).__name__ == "Date" and end.month and not end.year and end.year_rel is None:
        # «с 14 октября по 31 января»: the end is the first such day after the start
        days = [resolve_date(type(end)(day=end.day, month=end.month, year=y), ctx)[0]
                for y in (first[0].year, first[0].year + 1)]
        last = next((d for d in days if d and d[0] >= first[0]), None)
    else:
        last, _ = target(end, ctx)
    if last is None or first[0] > last[1]:
        return None, "range"
    return (first[0], last[1]), "range"


@register("Season")
def resolve_season(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    first, last = fact.season
    year = _year_of(fact, ctx)
    if year:
        return _season(year, first, last), "season"
    years = _near_years(ctx) + ([ctx.p.year + 2] if ctx.p else [])
    candidates = [_season(y, first, last) for y in years]
    if fact.rel == 0 and ctx.p:
        current = [c for c in candidates if c[0] <= ctx.p <= c[1]]
        # «этой зимой» in November: the coming one; «этим летом прошли выборы»: the tense says the past one
        return (current[0] if current else pick(candidates, Context(ctx.p, ctx.tense or "futr"))), "season"
    return pick(candidates, ctx, fact.rel), "season"


def _season(year: int, first: int, last: int) -> Interval:
    start_year = year - 1 if first > last else year  # winter of Y starts in December of Y-1
    return month_interval(start_year, first)[0], month_interval(year, last)[1]


@register("Quarter")
def resolve_quarter(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    if fact.num not in (1, 2, 3, 4):
        return None, "quarter"
    year = _year_of(fact, ctx)
    first = 3 * fact.num - 2
    years = [year] if year else _near_years(ctx)
    candidates = [(month_interval(y, first)[0], month_interval(y, first + 2)[1]) for y in years]
    return (candidates[0] if year else pick(candidates, ctx)), "quarter"


@register("Century")
def resolve_century(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    """«XX век» is 1901–2000 (the calendar definition); «прошлый век» the one before P's."""
    number = fact.century
    if number is None and isinstance(fact.rel, int) and ctx.p:
        number = (ctx.p.year - 1) // 100 + 1 + fact.rel
    if not number:
        return None, "century"
    return (date((number - 1) * 100 + 1, 1, 1), date(number * 100, 12, 31)), "century"


@register("Decade")
def resolve_decade(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    return (date(fact.decade, 1, 1), date(fact.decade + 9, 12, 31)), "decade"


@register("Night")
def resolve_night(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    if fact.target is None:  # «этой ночью», «минувшей ночью»: the night that ended on P
        if ctx.p is None:
            return None, "night"
        shift = 1 if fact.rel in (1, "near") else 0
        return (ctx.p + timedelta(days=shift - 1), ctx.p + timedelta(days=shift)), "night"
    end = _night_day(fact.target, fact.start, ctx)
    if end is None:
        return None, "night"
    start = _night_day(fact.start, fact.target, ctx) if fact.start is not None else None
    return (start or end - timedelta(days=1), end), "night"


def _night_day(fact: Any, other: Any, ctx: Context) -> date | None:
    kind = type(fact).__name__
    if kind == "Weekday":
        found = weekday_interval(fact.weekday, fact.rel, ctx)
        return found[0] if found else None
    if not fact.month:  # «ночь с 25 на 26 ноября», «ночь на 26-е»: the month of the other end or of P
        month = getattr(other, "month", None) or (ctx.p.month if ctx.p else None)
        if month is None:
            return None
        year, year_rel = fact.year or getattr(other, "year", None), fact.year_rel or getattr(other, "year_rel", None)
        fact = type(fact)(day=fact.day, month=month, year=year, year_rel=year_rel)
    found, _ = resolve_date(fact, ctx)
    return found[0] if found else None


@register("Holiday")
def resolve_holiday(fact: Any, ctx: Context) -> tuple[Interval | None, str]:
    """«Новый год» is 1 January, «День Победы» 9 May …: the nearest by tense (holidays.tsv)."""
    month_day = holidays().get(phrase_key(fact.name))
    if month_day is None:
        return None, "day"
    days = [date(y, *month_day) for y in _near_years(ctx) + ([ctx.p.year + 1] if ctx.p else [])]
    return pick([(d, d) for d in days], ctx), "day"

