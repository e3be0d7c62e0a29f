"""yargy grammar of Russian time expressions: what is matched, not what it means.

Every top-level rule is interpreted as its own fact type (`Date`, `Weekday`, `Shift`, ...);
`time_resolve` turns a fact into a calendar value. Word classes come from the lists in
`src/sverka/data/times/`; `time_parsers` builds the parsers (on pymorphy3 readings).
"""

from __future__ import annotations

from typing import Any

from yargy import and_, or_, rule
from yargy.interpretation import fact
from yargy.pipelines import morph_pipeline
from yargy.predicates import custom, eq, gte, in_caseless, is_capitalized, is_lower, lte, normalized
from yargy.predicates import type as token_type

from sverka.nlp.times.words import lemmas, lookup, phrases, words

Date = fact("Date", ["day", "month", "year", "year_rel"])
Month = fact("Month", ["month", "month2", "year", "year_rel", "rel"])
Year = fact("Year", ["year", "year2", "rel"])
RelDay = fact("RelDay", ["offset"])
Weekday = fact("Weekday", ["weekday", "rel"])
Period = fact("Period", ["unit", "rel"])
Shift = fact("Shift", ["num", "unit", "sign"])
Last = fact("Last", ["num", "unit", "sign"])
Part = fact("Part", ["part", "half", "target"])
Edge = fact("Edge", ["edge", "target"])
Range = fact("Range", ["start", "end"])
Season = fact("Season", ["season", "year", "year_rel", "rel"])
Quarter = fact("Quarter", ["num", "year", "year_rel"])
Decade = fact("Decade", ["decade"])
Century = fact("Century", ["century", "rel"])
Night = fact("Night", ["target", "start", "rel"])
Holiday = fact("Holiday", ["name"])
Vague = fact("Vague", ["phrase"])
Anaphoric = fact("Anaphoric", ["phrase"])


def _in(name: str) -> Any:
    def check(word: str) -> bool:
        return lookup(name, word) is not None

    check.__name__ = f"in_{name}"
    return custom(check, types="RU")


def _value(name: str) -> Any:
    return lambda word: lookup(name, word)


def _word(*forms: str) -> Any:
    return in_caseless(set(forms))


def _lemma(*words: str) -> Any:
    wanted = set(words)
    return custom(lambda word: bool(lemmas(word) & wanted), types="RU")


INT = token_type("INT")
DASH = _word("-", "—", "–")
DOT = eq(".")
PREPOSITION_WORDS = {"в", "во", "на", "с", "со", "до", "к", "ко", "по", "за", "от"}
PREP = _word(*PREPOSITION_WORDS)
BARE_YEAR_PREP = _word("в", "во", "с", "со", "до", "к", "ко", "по", "от")  # not «на 1200 квадратах»
DAY = and_(INT, gte(1), lte(31))
MONTH_NUM = and_(INT, gte(1), lte(12))
YEAR_NUM = and_(INT, gte(1000), lte(2100))
MONTH_W = _in("months")
WEEKDAY_W = _in("weekdays")
REL_W = _in("relative")
UNIT_W = _in("units")
SEASON_W = and_(_in("seasons"), custom(lambda w: w.lower() != "лет"))  # «лет» is years, not summers
PART_W = _in("parts")
NUMERAL_W = _in("numerals")
DAYS_W = _in("days")
YEAR_W = or_(rule(_lemma("год")), rule(_word("г", "гг"), DOT.optional()))
YEAR_END = rule(DASH, _word("го", "м", "й", "ом", "му")).optional()
DAYPART_WORD = _word("утром", "днем", "днём", "вечером", "ночью")
ORDINAL = {"первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


def _ordinal(word: str) -> int | None:
    return next((ORDINAL[x] for x in [word.lower(), *lemmas(word)] if x in ORDINAL), None)


def _number(word: str) -> float | None:
    return float(word) if word.isascii() and word.isdigit() else lookup("numerals", word)  # type: ignore[return-value]


def _two_digit_year(word: str) -> int:
    return 2000 + int(word) if int(word) < 50 else 1900 + int(word)


ORD_W = or_(custom(lambda w: _ordinal(w) is not None), INT)
ORD_END = rule(DASH, _word("й", "м", "го", "ом")).optional()
# «утром», «во второй половине дня»: a part of day belongs to the day it is part of
DAYPART = or_(rule(DAYPART_WORD), rule(PREP.optional(), ORD_W, _lemma("половина"), _lemma("день")))
NUM = or_(INT, NUMERAL_W)


def year_tail(f: Any) -> Any:
    """«2022 года», «2022 г.», «2022-го», «прошлого года»: the year part after a day or month."""
    return or_(
        rule(YEAR_NUM.interpretation(f.year.custom(int)), YEAR_END, YEAR_W.optional()),
        rule(REL_W.interpretation(f.year_rel.custom(_value("relative"))), _lemma("год")),
    )


def _date() -> Any:
    day = DAY.interpretation(Date.day.custom(int))
    month = MONTH_W.interpretation(Date.month.custom(_value("months")))
    spelled = rule(day, rule(DASH, _word("го", "е")).optional(), month, year_tail(Date).optional())
    year4 = YEAR_NUM.interpretation(Date.year.custom(int))
    year2 = and_(INT, gte(0), lte(99)).interpretation(Date.year.custom(_two_digit_year))
    month_num = MONTH_NUM.interpretation(Date.month.custom(int))
    numeric = rule(day, DOT, month_num, DOT, or_(year4, year2), YEAR_W.optional())
    iso = rule(year4, DASH, month_num, DASH, day)
    two = custom(lambda w: len(w) == 2)
    short = rule(and_(DAY, two).interpretation(Date.day.custom(int)), DOT,
                 and_(MONTH_NUM, two).interpretation(Date.month.custom(int)))  # «на 27.11»
    plain = or_(spelled, numeric, iso, short).interpretation(Date)
    # «В воскресенье, 1 апреля 2018 года», «днём в понедельник, 27 апреля», «вчера, 9 мая», «25 июля,
    # в четверг»: the weekday or adverb in apposition belongs to the date.
    day_name = rule(DAYPART.optional(), PREP.optional(), REL_W.optional(), or_(WEEKDAY_W, DAYS_W), DAYPART.optional())
    apposition = or_(
        rule(PREP.optional(), day_name, eq(",").optional(), plain),
        rule(plain, eq(","), day_name),
        rule(DAYPART, plain),  # «Вечером 23 декабря»
        rule(plain, DAYPART_WORD),  # «23 декабря вечером»
    ).interpretation(Date)
    return plain, apposition


DATE, DATE_APPOSITION = _date()
DAY_ONLY = rule(DAY.interpretation(Date.day.custom(int))).interpretation(Date)


def _month() -> Any:
    month = MONTH_W.interpretation(Month.month.custom(_value("months")))
    second = rule(DASH, MONTH_W.interpretation(Month.month2.custom(_value("months"))))
    rel = REL_W.interpretation(Month.rel.custom(_value("relative")))
    with_year = rule(rel.optional(), month, second.optional(), year_tail(Month))
    bare = rule(rel.optional(), and_(MONTH_W, is_lower()).interpretation(Month.month.custom(_value("months"))),
                second.optional())
    return or_(with_year, bare).interpretation(Month)


MONTH = _month()


def _year() -> tuple[Any, Any]:
    year = YEAR_NUM.interpretation(Year.year.custom(int))
    year2 = YEAR_NUM.interpretation(Year.year2.custom(int))
    plain = [
        rule(year, YEAR_END, YEAR_W),
        rule(year, DASH, year2, YEAR_W),
        rule(REL_W.interpretation(Year.rel.custom(_value("relative"))), _lemma("год")),
    ]
    after_preposition = [
        rule(BARE_YEAR_PREP, year, YEAR_END, YEAR_W.optional()),  # «в 1976», «с 2014»: a bare number needs it
        rule(BARE_YEAR_PREP, year, DASH, year2, YEAR_W.optional()),
        rule(PREP, year, DASH, _word("го", "м", "й", "ом", "му")),  # «с 1922-го на 1923-й»: the ending makes it a year
    ]
    return or_(*plain, *after_preposition).interpretation(Year), or_(*plain).interpretation(Year)


# YEAR_PLAIN is what follows another word («начале 2017 года»): «начал в 1989 году» is no «начало»
YEAR, YEAR_PLAIN = _year()
YEAR_BARE = rule(YEAR_NUM.interpretation(Year.year.custom(int)), YEAR_END).interpretation(Year)

RELDAY = rule(
    DAYPART.optional(), DAYS_W.interpretation(RelDay.offset.custom(_value("days"))), DAYPART.optional()
).interpretation(RelDay)


def _weekday() -> Any:
    day = WEEKDAY_W.interpretation(Weekday.weekday.custom(_value("weekdays")))
    not_sreda = and_(WEEKDAY_W, custom(lambda w: "среда" not in lemmas(w)))
    rel = REL_W.interpretation(Weekday.rel.custom(_value("relative")))
    # «среда» is also "environment": only with a preposition or a relative word before it.
    core = or_(
        rule(rel, day),
        rule(_word("в", "во", "на", "с", "до", "по", "к"), day),
        rule(not_sreda.interpretation(Weekday.weekday.custom(_value("weekdays")))),
    )
    return rule(DAYPART.optional(), core, DAYPART.optional()).interpretation(Weekday)


WEEKDAY = _weekday()

_WEEKEND = _lemma("выходной", "выходные")
PERIOD = or_(
    rule(REL_W.interpretation(Period.rel.custom(_value("relative"))),
         or_(_lemma("неделя", "месяц"), _WEEKEND).interpretation(Period.unit)),
    rule(_word("на", "в", "во", "за"), _WEEKEND.interpretation(Period.unit)),
).interpretation(Period)


def _counted(f: Any) -> tuple[Any, Any]:
    return NUM.interpretation(f.num.custom(_number)), UNIT_W.interpretation(f.unit.custom(_value("units")))


def _shift() -> Any:
    num, unit = _counted(Shift)
    ago = rule(num.optional(), unit, _word("тому").optional(), _word("назад").interpretation(Shift.sign.const(-1)))
    later = rule(_word("через").interpretation(Shift.sign.const(1)), num.optional(), unit)
    return or_(ago, later).interpretation(Shift)


SHIFT = _shift()


def _last() -> Any:
    num, unit = _counted(Last)
    sign = or_(_lemma("последний").interpretation(Last.sign.const(-1)),
               _word("ближайшие", "ближайший", "ближайшую", "ближайших").interpretation(Last.sign.const(1)))
    day = _lemma("сутки").interpretation(Last.unit.const("day"))
    return or_(
        rule(sign, num.optional(), unit),
        rule(sign, NUM, DASH, NUM, unit),  # «последние два-три года»: no single count, so vague
        rule(_lemma("прошедший", "минувший", "последний").interpretation(Last.sign.const(-1)), day),
    ).interpretation(Last)


LAST = _last()


def _decade() -> Any:
    four = and_(YEAR_NUM, custom(lambda w: w.endswith("0"))).interpretation(Decade.decade.custom(int))
    two = and_(INT, custom(lambda w: len(w) == 2 and w.endswith("0"))).interpretation(
        Decade.decade.custom(_two_digit_year))
    suffix = _word("х", "е", "ые", "ых", "ми", "м", "ее", "ие")
    return rule(or_(four, two), DASH, suffix, YEAR_W.optional()).interpretation(Decade)


DECADE = _decade()
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(word: str) -> int | None:
    """«XX», also written with Cyrillic «Х» and «І»: its value, else None."""
    word = word.upper().replace("Х", "X").replace("І", "I")
    if not word or any(ch not in ROMAN for ch in word):
        return None
    values = [ROMAN[ch] for ch in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _century_number(word: str) -> int | None:
    return int(word) if word.isascii() and word.isdigit() else roman(word)


CENTURY = or_(
    rule(and_(custom(lambda w: _century_number(w) is not None), custom(lambda w: 0 < (_century_number(w) or 0) <= 30))
         .interpretation(Century.century.custom(_century_number)), _lemma("век")),
    rule(REL_W.interpretation(Century.rel.custom(_value("relative"))), _lemma("век")),
).interpretation(Century)
BARE_UNIT = _lemma("год", "месяц", "неделя").interpretation(Period.unit)
BARE_PERIOD = rule(BARE_UNIT).interpretation(Period)
# «(в конце) прошлой недели», «(в начале) следующего месяца»: a relative week or month as a part's whole
REL_PERIOD = rule(REL_W.interpretation(Period.rel.custom(_value("relative"))),
                  _lemma("неделя", "месяц").interpretation(Period.unit)).interpretation(Period)


def _part() -> Any:
    target = or_(MONTH, YEAR_PLAIN, YEAR_BARE, DECADE, CENTURY, REL_PERIOD, BARE_PERIOD).interpretation(Part.target)
    part = rule(PART_W.interpretation(Part.part.custom(_value("parts"))), target)
    half = ORD_W.interpretation(Part.half.custom(_ordinal_or_int))
    return or_(
        part,
        rule(half, ORD_END, _lemma("половина"), target),
        rule(half, ORD_END, _lemma("полугодие"), target.optional()),
    ).interpretation(Part)


def _ordinal_or_int(word: str) -> int | None:
    return int(word) if word.isascii() and word.isdigit() else _ordinal(word)


PART = _part()
EDGE = rule(
    or_(rule(_word("с", "со"), _lemma("начало")).interpretation(Edge.edge.const("since")),
        rule(_word("до"), _lemma("конец")).interpretation(Edge.edge.const("until"))),
    or_(MONTH, YEAR_PLAIN, BARE_PERIOD).interpretation(Edge.target),
).interpretation(Edge)


def _range() -> Any:
    item = or_(DATE, MONTH, YEAR_PLAIN, YEAR_BARE, DAY_ONLY, WEEKDAY)
    explicit = rule(_word("с", "со"), item.interpretation(Range.start), _word("по"), item.interpretation(Range.end))
    dashed = rule(DAY_ONLY.interpretation(Range.start), DASH, DATE.interpretation(Range.end))
    # «1 июня 2013 года — 27 июля 2017 года», «сентябрь 2014 — январь 2015 годов»
    full = rule(DATE.interpretation(Range.start), DASH, DATE.interpretation(Range.end))
    months = rule(MONTH.interpretation(Range.start), DASH, MONTH.interpretation(Range.end))
    return or_(explicit, dashed, full, months).interpretation(Range)


RANGE = _range()
SEASON = rule(
    REL_W.interpretation(Season.rel.custom(_value("relative"))).optional(),
    SEASON_W.interpretation(Season.season.custom(_value("seasons"))),
    year_tail(Season).optional(),
).interpretation(Season)
QUARTER = rule(
    ORD_W.interpretation(Quarter.num.custom(_ordinal_or_int)), ORD_END, _lemma("квартал"), year_tail(Quarter).optional()
).interpretation(Quarter)
NIGHT = or_(
    rule(_lemma("ночь"), _word("на"), or_(DATE_APPOSITION, DATE, DAY_ONLY, WEEKDAY).interpretation(Night.target)),
    rule(_lemma("ночь"), _word("с", "со"), or_(DATE, DAY_ONLY, WEEKDAY).interpretation(Night.start),
         _word("на"), or_(DATE, DAY_ONLY, WEEKDAY).interpretation(Night.target)),
    rule(REL_W.interpretation(Night.rel.custom(_value("relative"))), _word("ночью")),
).interpretation(Night)
HOLIDAY = or_(
    # «Новый год» only capitalised: «в новом году» is the coming year, not 1 January
    rule(and_(_lemma("новый"), is_capitalized()), normalized("год")).interpretation(Holiday.name.const("новый год")),
    morph_pipeline([line.split("\t")[0] for line in phrases("holidays.tsv") if not line.startswith("новый год")])
    .interpretation(Holiday.name.custom(lambda text: text.lower())),
).interpretation(Holiday)
COUNTED_ANAPHORIC = or_(
    rule(NUM.optional(), UNIT_W, _word("ранее", "раньше", "позже", "позднее", "спустя")),
    rule(_word("спустя"), NUM.optional(), UNIT_W),
).interpretation(Anaphoric.phrase.normalized()).interpretation(Anaphoric)
VAGUE = or_(
    morph_pipeline(phrases("vague.txt")).interpretation(Vague.phrase.normalized()),
    # exact words: «на день» (for a day) is not «на днях» (lately)
    rule(_word("на"), _word("этих").optional(), _word("днях")).interpretation(Vague.phrase.const("на днях")),
).interpretation(Vague)
ANAPHORIC = morph_pipeline(phrases("anaphoric.txt")).interpretation(
    Anaphoric.phrase.normalized()).interpretation(Anaphoric)

Time = fact("Time", ["fact"])  # the root: which of the facts above matched
ALTERNATIVES = (  # on a tie in length the earlier one wins: «до конца года» is an Edge, not a Part
    EDGE, RANGE, NIGHT, DATE_APPOSITION, DATE, MONTH, YEAR, RELDAY, WEEKDAY, PERIOD, SHIFT, LAST, PART,
    SEASON, QUARTER, DECADE, HOLIDAY, VAGUE, ANAPHORIC, COUNTED_ANAPHORIC, CENTURY,
)
DASHES = {"-", "—", "–"}


def _last_words(name: str) -> set[str]:
    """Normal forms of the last word of each phrase in a list: «последнее время» → «время»."""
    return {lemma for line in phrases(name) for lemma in lemmas(line.split()[-1])}


def anchors() -> list[set[str] | None]:
    """For each alternative, words (normal forms) or marks one of which any match of it contains
    near its start; an alternative is only parsed where one is in sight. None: always parse.
    «<year>» stands for a number from 1000 to 2100."""
    months, weekdays = set(words("months")), set(words("weekdays"))
    days, seasons = set(words("days")), set(words("seasons"))
    return [
        {"начало", "конец"},  # EDGE
        {"с", "со"} | DASHES,  # RANGE
        {"ночь", "ночью"},  # NIGHT
        weekdays | days | {"утром", "днем", "днём", "вечером", "ночью", "половина"},  # DATE_APPOSITION
        months | {"."} | DASHES,  # DATE
        months,  # MONTH
        {"<year>", "год"},  # YEAR
        days,  # RELDAY
        weekdays,  # WEEKDAY
        {"неделя", "месяц", "выходной", "выходные"},  # PERIOD
        {"назад", "через"},  # SHIFT
        {"последний", "близкий", "пройти", "прошедший", "минувший"},  # LAST
        {"начало", "середина", "конец", "половина", "полугодие"},  # PART
        seasons,  # SEASON
        {"квартал"},  # QUARTER
        DASHES,  # DECADE
        {"новый", "рождество", "победа", "россия", "единство"},  # HOLIDAY
        _last_words("vague.txt") | {"днях"},  # VAGUE
        _last_words("anaphoric.txt"),  # ANAPHORIC
        {"ранее", "раньше", "позже", "позднее", "спустя"},  # COUNTED_ANAPHORIC
        {"век"},  # CENTURY
    ]
