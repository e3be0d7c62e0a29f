"""Direct quotes: the speaker's own words in «…», "…", “…” or above a dash-attribution line.

A quoted stretch is a direct quote when a dash and a speech verb follow it («…» — сказал он), a
colon after a speech frame opens it, or it sits after the speech verb of the clause's frame. Scare
quotes and names in quotes («Сармат», «Ведомостям») are not quotes: a quote has a lowercase word.
An interrupted quote («…, — сказал он. — …») gives its first part.
"""

from __future__ import annotations

import re

from .claim_frames import Frame, quoted_ranges
from .claim_lexicon import lexicon
from .claim_units import Unit

DASH_VERB = re.compile(r"^[,.!?…]?\s*[—–-]\s*(\w+)")
INNER_FRAME = re.compile(r",?\s+[—–-]\s+(\w+)[^—–]*?[.,]\s+[—–-]\s+")


def find_quote(unit: Unit, frame: Frame | None) -> dict | None:
    text = unit.text
    for a, b in quoted_ranges(text):
        inner_a, inner_b = a + 1, b - 1
        body = text[inner_a:inner_b]
        cue = _dash_cue(text[b:]) or _colon_cue(text[:a], frame) or _frame_cue(unit, a, frame)
        if cue is None and _interrupted(body):
            cue = _interrupted(body)
        if cue is None or not _is_words(body):
            continue
        cut = INNER_FRAME.search(body)
        if cut:
            inner_b = inner_a + cut.start()
        while inner_b > inner_a and text[inner_b - 1] in " ,":
            inner_b -= 1
        return _quote(unit, inner_a, inner_b, cue)
    return _block_quote(unit)


def _quote(unit: Unit, a: int, b: int, cue: str) -> dict:
    return {"text": unit.text[a:b], "start": unit.start + a, "end": unit.start + b, "cue": cue}


def _is_speech(word: str) -> bool:
    from .models import morph_analyzer

    return morph_analyzer().parse(word)[0].normal_form in lexicon().speech_verbs


def _dash_cue(after: str) -> str | None:
    m = DASH_VERB.match(after)
    if m and _is_speech(m.group(1)):
        return m.group(1)
    m = re.match(r"^[,.!?…]?\s*[—–-]\s*(говорится|цитирует|приводит|пишет|сообщает)", after)
    return m.group(1) if m else None


def _interrupted(body: str) -> str | None:
    m = INNER_FRAME.search(body)
    return m.group(1) if m and _is_speech(m.group(1)) else None


def _colon_cue(before: str, frame: Frame | None) -> str | None:
    if frame is not None and frame.kind == "verb" and re.search(r":\s*$", before):
        return frame.cue
    return None


def _frame_cue(unit: Unit, a: int, frame: Frame | None) -> str | None:
    if frame is None or frame.kind != "verb" or frame.cue_token is None:
        return None
    verb_end = frame.cue_token.end - unit.start
    return frame.cue if verb_end <= a else None


def _is_words(body: str) -> bool:
    words = re.findall(r"[^\W\d_][\w-]*", body)
    return bool(words) and any(w[:1].islower() for w in words)


def _block_quote(unit: Unit) -> dict | None:
    """A Telegram quote block: the words, then a line "— пояснял ранее Нетаньяху"."""
    m = re.search(r"[,.!?…]?\s*\n\s*[—–-]\s*(\w+)", unit.text)
    if not m or not _is_speech(m.group(1)) or any(q in unit.text[: m.start()] for q in "«\"“"):
        return None
    return _quote(unit, 0, m.start(), m.group(1))
