"""Language of a document (py3langid, offline), with a fast path for plain Russian.

Cyrillic text without the letters Russian's neighbours add (Ukrainian і ї є ґ, Belarusian ў і,
Kazakh ә ғ қ ң ө ұ ү һ, Serbian and Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ) is Russian or Bulgarian. It is
Russian when it has «ы»/«э» (Bulgarian has neither) or no «ъ» before a consonant (Russian writes
«ъ» only before е ё ю я: «съезд»; Bulgarian uses it as a vowel in almost every sentence:
«България»). Only the rest goes to the statistical model, which is slower and, on a one-line
post, often calls Russian Belarusian or Bulgarian.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from sverka.doc import Analysis

SUPPORTED = {"ru"}
SAMPLE_CHARS = 1000
MIN_CYRILLIC = 8
OTHER_CYRILLIC = set("іїєґўәғқңөұүһђјљњћџѓќѕ")
# Russian writes «ъ» only before е ё ю я («съезд», «объявил»); Bulgarian uses it as a vowel («България», «бъде»).
VOWEL_HARD_SIGN = re.compile(r"\wъ[^\Wеёюя]")


@cache
def _identifier() -> Any:
    import py3langid

    return py3langid


def detect_lang(text: str) -> str:
    sample = text[:SAMPLE_CHARS]
    letters = [ch.lower() for ch in sample if ch.isalpha()]
    if len(letters) < 3:
        return "und"
    cyrillic = sum("а" <= ch <= "я" or ch == "ё" for ch in letters)
    # Latin names and brands are common in Russian posts («на San Diego Comic-Con»): a third is enough.
    share = cyrillic / len(letters)
    if ((cyrillic >= MIN_CYRILLIC and share > 0.3) or share > 0.6) and not OTHER_CYRILLIC & set(letters):
        if "ы" in letters or "э" in letters or not VOWEL_HARD_SIGN.search(sample.lower()):
            return "ru"
        if len(letters) < 20:
            return "ru"  # too short for a statistical guess
    lang, _ = _identifier().classify(sample)
    return str(lang)


def detect_lang_doc(analysis: Analysis) -> None:
    analysis.lang = detect_lang(analysis.text)
    analysis.lang_supported = analysis.lang in SUPPORTED
