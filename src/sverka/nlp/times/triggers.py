"""Where the time parser should look: trigger words and the tokens an expression can start with.

A sentence with no trigger (a month, a weekday, «вчера», a unit such as «году», a year-like number …)
costs only set lookups; otherwise the parser tries a few starts just before each trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from sverka.nlp.morph import lemma_pos, parses
from sverka.nlp.times.grammar import roman
from sverka.nlp.times.words import phrases

BACK = 4  # an expression starts at most this many tokens before its trigger word («днём в понедельник»)
REACH = 11  # and ends within this many tokens after it («ночь с 3 на 4 июня 1989 года»)
PREPOSITIONS = {"в", "во", "на", "с", "со", "до", "к", "ко", "по", "за", "от"}
DIGIT_TRIGGER = re.compile(r"(1[0-9]|20)\d\d(\D|$)|\d+[-.–—/]|\d+$")
# Trigger words besides the month, weekday, day, season and unit lists.
TRIGGERS = {"назад", "ночь", "ночью", "выходной", "выходные", "квартал", "полугодие", "недавно", "момент",
            "последний", "ближайший", "близкий", "скорый", "новый", "рождество", "век", "некоторый"}
STARTS = {"прошедший", "минувший", "первый", "второй", "третий", "четвертый", "i", "ii", "iii", "iv",
          "утром", "днем", "вечером", "ночью", "через", "спустя"} | PREPOSITIONS


@dataclass
class Tok:
    start: int
    end: int
    text: str
    lemma: str


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


@cache
def trigger_forms() -> frozenset[str]:
    return inflected(trigger_lemmas())


@cache
def start_forms() -> frozenset[str]:
    return inflected(start_lemmas())


def inflected(words: frozenset[str]) -> frozenset[str]:
    """Every form of every word (its pymorphy3 lexeme): a token is then checked without parsing it."""
    forms = set(words)
    for word in words:
        for reading in parses(word):
            if reading.normal_form == word:
                forms.update(form.word.replace("ё", "е") for form in reading.lexeme)
    return frozenset(forms)


def _words(text: str, lemma: str) -> set[str]:
    parts = text.lower().replace("ё", "е").split("-")  # «ноябре-декабре» is one razdel token
    return {lemma, *parts}


def is_trigger(tok: Tok) -> bool:
    return _is_trigger(tok.text, tok.lemma)


def any_trigger(tokens: list[tuple[str, str]]) -> bool:
    """Cheap first look at a sentence's (text, lemma) pairs: most sentences have no date at all."""
    return any(_is_trigger(clean(text), (lemma or text).lower()) for text, lemma in tokens)


@lru_cache(maxsize=100_000)
def clean(text: str) -> str:
    """«⚡️Завтра» is one razdel token: what is glued in front of the word is cut off."""
    cut = next((i for i, ch in enumerate(text) if ch.isalnum()), 0)
    return text[cut:]


@lru_cache(maxsize=100_000)
def _is_trigger(text: str, lemma: str) -> bool:
    if text[0].isdigit():
        return _year_like(text) or (bool(DIGIT_TRIGGER.match(text)) and not text.isdigit())
    if lemma == "новый":  # «Новый год», not every «новый»
        return text[0].isupper()
    return bool(_words(text, lemma) & trigger_forms())


def is_start(tok: Tok) -> bool:
    return _is_start(tok.text, tok.lemma)


@lru_cache(maxsize=100_000)
def _is_start(text: str, lemma: str) -> bool:
    return text[0].isdigit() or bool(_words(text, lemma) & start_forms()) or roman(text) is not None


def _year_like(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) == 4 and 1000 <= int(text) <= 2100


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
