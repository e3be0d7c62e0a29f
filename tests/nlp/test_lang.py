"""Language detection: Russian posts of any length are Russian; the neighbours are told apart."""

from __future__ import annotations

import pytest

from sverka.nlp.lang import detect_lang


@pytest.mark.parametrize("text", [
    "В начале года рубль упал.",  # no «ы»/«э»: the statistical model said Belarusian
    "До конца года решение не примут.",  # ... and Bulgarian
    "Съезд объявил о решении.",  # «ъ» before a vowel letter is Russian
    "Стивен Моффат на San Diego Comic-Con International 18 июля 2013 года",  # half Latin
    "На рынке крипты Black Friday. @banksta",
    "Путин",
    "Путин провел совещание по Казахстану.",
])
def test_russian_is_russian(text: str) -> None:
    assert detect_lang(text) == "ru"


@pytest.mark.parametrize(("text", "lang"), [
    ("Президентът заяви, че решението ще бъде взето до края на годината.", "bg"),
    ("Министърът на отбраната посети базата.", "bg"),
    ("Україна отримала нову партію зброї від партнерів.", "uk"),
    ("Беларусь атрымала новую партыю ўзбраення.", "be"),
    ("Қазақстан Республикасының Президенті мәлімдеді.", "kk"),
    ("Македонија ќе добие нова влада.", "mk"),
    ("Србија је добила нову владу.", "sr"),
    ("Hello world, this is plain English text.", "en"),
])
def test_other_languages_are_not_taken_for_russian(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_too_few_letters_is_undetermined() -> None:
    assert detect_lang("12 :) !!") == "und"
