"""Nominative forms of names: "Нурсултана Назарбаева" → "Нурсултан Назарбаев", "Курской области" →
"Курская область", "Министерства обороны России" → "Министерство обороны России".

pymorphy3 gives every reading of a word; a name's words must agree in case (and gender for a
person), so the reading is chosen for the phrase as a whole, then inflected to the nominative.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sverka.nlp.morph import parses

NAME_TAGS = {"Name", "Surn", "Patr"}
# Political news names men far more often than women: an ambiguous "Захарова" alone reads as
# the genitive of a man's surname unless the document says otherwise.
MASC_PRIOR = 0.1
VOWELS = set("аеёиоуыэюяь")
INDECLINABLE_ENDINGS = set("иоуеэю")
NO_SPACE_BEFORE = {",", ".", ")", ":", ";", "»", "!", "?", "”"}
NO_SPACE_AFTER = set("(«“")
MODIFIERS = {"ADJF", "PRTF", "NUMR"}
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")


def match_case(word: str, like: str) -> str:
    """Give `word` the capitalisation pattern of `like` (upper, title, per hyphenated part), and its
    spelling of ё: the dictionary writes "Вооружённые", a text that wrote "Вооруженных" keeps е."""
    if "ё" not in like.lower():
        word = word.replace("ё", "е").replace("Ё", "Е")
    if like.isupper() and len(like) > 1:
        return word.upper()
    if "-" in like and "-" in word:
        parts, likes = word.split("-"), like.split("-")
        if len(parts) == len(likes):
            return "-".join(match_case(p, lk) for p, lk in zip(parts, likes, strict=True))
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _inflect(parse: Any, grammemes: set[str]) -> str | None:
    try:
        form = parse.inflect(grammemes)
    except (ValueError, KeyError):
        return None
    return form.word if form else None


def _name_parses(word: str) -> list[Any]:
    all_parses = list(parses(word))
    named = [p for p in all_parses if NAME_TAGS & set(p.tag.grammemes) and not _predicted(p)]
    return named + _paradigm_readings(word) or [p for p in all_parses if p.tag.POS == "NOUN"] or all_parses


def _predicted(parse: Any) -> bool:
    # pymorphy guesses unknown words by their endings ("Токаев" → a plural of "токай"); such guesses are
    # worse than the surname paradigm below.
    return any(type(m).__name__ not in ("DictionaryAnalyzer",) for m, *_ in parse.methods_stack[:1])


@dataclass(frozen=True)
class _Tag:
    case: str | None
    gender: str | None
    grammemes: frozenset = frozenset({"Surn"})


@dataclass(frozen=True)
class _Reading:
    """A reading of an out-of-dictionary surname or name from the Russian surname paradigm."""

    nominative: str
    tag: _Tag
    score: float = 0.4

    def inflect(self, grammemes: set[str]) -> Any:
        return _Word(self.nominative)


@dataclass(frozen=True)
class _Word:
    word: str


# (ending, case, gender, how many letters to cut, what to add) for -ов/-ев/-ин surnames.
_SURNAME_PARADIGM = [
    ("ов", "nomn", "masc", 0, ""), ("ев", "nomn", "masc", 0, ""), ("ин", "nomn", "masc", 0, ""),
    ("ова", "gent", "masc", 1, ""), ("ева", "gent", "masc", 1, ""), ("ина", "gent", "masc", 1, ""),
    ("ова", "nomn", "femn", 0, ""), ("ева", "nomn", "femn", 0, ""), ("ина", "nomn", "femn", 0, ""),
    ("ову", "datv", "masc", 1, ""), ("еву", "datv", "masc", 1, ""), ("ину", "datv", "masc", 1, ""),
    ("ову", "accs", "femn", 1, "а"), ("еву", "accs", "femn", 1, "а"), ("ину", "accs", "femn", 1, "а"),
    ("овым", "ablt", "masc", 2, ""), ("евым", "ablt", "masc", 2, ""), ("иным", "ablt", "masc", 2, ""),
    ("ове", "loct", "masc", 1, ""), ("еве", "loct", "masc", 1, ""), ("ине", "loct", "masc", 1, ""),
    ("овой", "gent", "femn", 2, "а"), ("евой", "gent", "femn", 2, "а"), ("иной", "gent", "femn", 2, "а"),
]


def _paradigm_readings(word: str) -> list[Any]:
    if not word[:1].isupper() or len(word) < 4:
        return []
    low = word.lower()
    out: list[Any] = []
    for ending, case, gender, cut, add in _SURNAME_PARADIGM:
        if low.endswith(ending):
            out.append(_Reading(word[: len(word) - cut] + add if cut else word + add, _Tag(case, gender)))
    if not out and low[-1] in INDECLINABLE_ENDINGS and "-" not in low:
        same = _Reading(word, _Tag(None, None), 0.3)  # Мурси, Рогге, Нетаньяху: the same in every case
        if low.endswith("е") and low[-2] not in VOWELS:  # ... or "о Трампе", "о Шольце"
            return [same, _Reading(word[:-1], _Tag("loct", "masc"), 0.3)]
        return [same]
    if not out:  # a foreign surname or compound name: Шольц(а|ом), Касым-Жомарт(а|ом|у)
        # As it stands, unless it ends like an oblique case: a man's name rarely ends in -а or -ом.
        oblique = low.endswith(("а", "ом")) and len(low) > 4
        out.append(_Reading(word, _Tag("nomn", "masc"), 0.25 if oblique else 0.31))
        endings = (("а", "gent"), ("ом", "ablt")) + ((("у", "datv"), ("е", "loct")) if "-" in word else ())
        for ending, case in endings:
            if low.endswith(ending) and low[-len(ending) - 1] not in VOWELS:
                out.append(_Reading(word[: -len(ending)], _Tag(case, "masc"), 0.3))
    return out


def person_readings(words: list[str]) -> list[tuple[float, str]]:
    """Nominative readings of a person's name, best first, as (score, name)."""
    suffix = _generation_suffix(words[-1]) if words else None
    if suffix is not None:  # "Джона Хантсмана-младшего" → "Джон Хантсман" + "-младший"
        stem = words[-1][: -len(suffix[0])]
        return [(score, name + suffix[1]) for score, name in person_readings([*words[:-1], stem])]
    per_word = [_name_parses(w) for w in words]
    readings: dict[str, float] = {}
    for case in CASES:
        for gender in ("masc", "femn"):
            score, out = 0.0, []
            for word, options in zip(words, per_word, strict=True):
                fits = [
                    p for p in options
                    if p.tag.case == case and (gender is None or p.tag.gender in (gender, None))
                ]
                if not fits and _indeclinable(word, options):
                    out.append(word)
                    continue
                if not fits and case == "nomn" and not _is_known_name(options):
                    out.append(word)  # an unknown foreign name is taken as it stands
                    score += 0.2
                    continue
                if not fits:
                    break
                best = max(fits, key=lambda p: p.score)
                score += best.score
                form = word if case == "nomn" else _inflect(best, {"nomn", "sing"}) or _inflect(best, {"nomn"})
                out.append(match_case(form or word, word))
            else:
                name = " ".join(out)
                readings[name] = max(readings.get(name, 0.0), score + (MASC_PRIOR if gender == "masc" else 0.0))
    if not readings:
        readings[" ".join(words)] = 0.0
    return sorted(((s, n) for n, s in readings.items()), key=lambda x: -x[0])


def _generation_suffix(word: str) -> tuple[str, str] | None:
    """("-младшего", "-младший") when a surname carries a Jr./Sr. suffix in any case."""
    low = word.lower()
    for base in ("младш", "старш"):
        at = low.rfind("-" + base)
        if at > 0:
            return word[at:], "-" + base + "ий"
    return None


def _is_known_name(options: list[Any]) -> bool:
    return any(NAME_TAGS & set(p.tag.grammemes) for p in options)


def _indeclinable(word: str, options: list[Any]) -> bool:
    # Foreign names (Нетаньяху, Эрдоган's first name Реджеп stays) and unknown words.
    return any(p.tag.case is None or "Fixd" in p.tag.grammemes for p in options)


def normalize_person(words: list[str]) -> tuple[str, list[str]]:
    """The best nominative reading and all plausible ones (for merging "Путина" with "Путин")."""
    best, readings = _normalize_person(tuple(words))
    return best, list(readings)


@lru_cache(maxsize=50_000)
def _normalize_person(words: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    readings = person_readings(list(words))
    return readings[0][1], tuple(n for _, n in readings)


def normalize_phrase(words: list[str]) -> str:
    """Nominative of a place or organisation name (cached: the same names recur in every post)."""
    return _normalize_phrase(tuple(words))


@lru_cache(maxsize=50_000)
def _normalize_phrase(words_tuple: tuple[str, ...]) -> str:
    """Words up to the first noun agree and are inflected, genitive dependents after it stay
    ("Министерства обороны России" → "Министерство обороны России")."""
    words = list(words_tuple)
    if not words:
        return ""
    head_at = _first_noun(words)
    if head_at is None:
        return join_words(words)
    head = _head_parse(words[head_at], [w for w in words[:head_at] if any(ch.isalpha() for ch in w)])
    if head is None or head.tag.case in (None, "nomn"):
        return join_words(words)
    number = head.tag.number or "sing"
    out = []
    for i, word in enumerate(words):
        if i > head_at:
            out.append(word)
            continue
        parse = head if i == head_at else _agreeing(word, head)
        if parse is None:
            out.append(word)
            continue
        form = _inflect(parse, {"nomn", number}) or _inflect(parse, {"nomn"})
        out.append(match_case(form, word) if form else word)
    return join_words(out)


def join_words(words: list[str]) -> str:
    """Words and punctuation tokens back into text: "связи , технологий" → "связи, технологий"."""
    text = ""
    for word in words:
        glue = not text or word in NO_SPACE_BEFORE or text[-1] in NO_SPACE_AFTER
        text += word if glue else " " + word
    return text


def _first_noun(words: list[str]) -> int | None:
    """The head: the first word that is not an adjective before another word ("Главном управлении")."""
    alpha = [i for i, w in enumerate(words) if any(ch.isalpha() for ch in w)]
    for n, i in enumerate(alpha):
        options = parses(words[i])
        modifier = any(p.tag.POS in MODIFIERS for p in options[:2])
        if modifier and n + 1 < len(alpha):
            continue
        if any(p.tag.POS == "NOUN" for p in options[:3]) or not modifier:
            return i
    return None


def _head_parse(word: str, modifiers: list[str]) -> Any:
    options = [p for p in parses(word) if p.tag.POS == "NOUN"]
    if not options:
        return None
    # The adjectives before the head say its case and number: "Воздушные силы" is plural.
    agreeing = [p for p in options if all(_agreeing(m, p) is not None for m in modifiers)]
    options = agreeing or options
    preferred = [p for p in options if {"Geox", "Orgn", "Abbr"} & set(p.tag.grammemes)]
    pool = preferred or options
    # A name is singular far more often than not ("области": gent sing, not nomn plur).
    return max(pool, key=lambda p: (p.score, p.tag.number == "sing"))


def _agreeing(word: str, head: Any) -> Any:
    options = [
        p for p in parses(word)
        if p.tag.POS in MODIFIERS and p.tag.case == head.tag.case and p.tag.number == head.tag.number
    ]
    if head.tag.number == "sing":
        options = [p for p in options if p.tag.gender in (head.tag.gender, None)] or options
    return max(options, key=lambda p: p.score) if options else None
