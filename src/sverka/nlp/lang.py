"""Language of a document (py3langid, offline), with a fast path for plain Russian.

Russian is the only Cyrillic language that has «ы»/«э» and none of the letters its neighbours add
(Ukrainian і ї є ґ, Belarusian ў, Kazakh ә ғ қ ң ө ұ ү һ, Serbian ђ ј љ њ ћ џ); such text is Russian
without asking the statistical model, which is slower and unsure on short posts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..doc import Analysis

SUPPORTED = {"ru"}
SAMPLE_CHARS = 1000
OTHER_CYRILLIC = set("іїєґўәғқңөұүһђјљњћџ")


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
    if cyrillic / len(letters) > 0.5 and ("ы" in letters or "э" in letters) and not OTHER_CYRILLIC & set(letters):
        return "ru"
    if cyrillic / len(letters) > 0.6 and len(letters) < 20 and not OTHER_CYRILLIC & set(letters):
        return "ru"  # too short for a statistical guess
    lang, _ = _identifier().classify(sample)
    return str(lang)


def detect_lang_doc(analysis: Analysis) -> None:
    analysis.lang = detect_lang(analysis.text)
    analysis.lang_supported = analysis.lang in SUPPORTED
