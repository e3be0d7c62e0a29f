"""Language of a document (py3langid, offline)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..doc import Analysis

SUPPORTED = {"ru"}
SAMPLE_CHARS = 3000


@cache
def _identifier() -> Any:
    import py3langid

    return py3langid


def detect_lang(text: str) -> str:
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 3:
        return "und"
    cyr = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in sample)
    letters = sum(ch.isalpha() for ch in sample)
    if cyr / letters > 0.6 and letters < 40:
        return "ru"  # too short for a statistical guess; Cyrillic alone decides
    lang, _ = _identifier().classify(sample)
    return str(lang)


def detect_lang_doc(analysis: Analysis) -> None:
    analysis.lang = detect_lang(analysis.text)
    analysis.lang_supported = analysis.lang in SUPPORTED
