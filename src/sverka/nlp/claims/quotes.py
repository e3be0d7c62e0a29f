"""Direct quotes: the speaker's own words in «…», "…", “…” or above a dash-attribution line.

A quoted stretch is a direct quote when a dash and a speech verb follow it («…» — сказал он), a
colon after a speech frame opens it, or it sits after the speech verb of the clause's frame. Scare
quotes and names in quotes («Сармат», «Ведомостям») are not quotes: a quote has a lowercase word.
An interrupted quote («…, — сказал он. — …») gives its first part.
"""

from __future__ import annotations

import re

from sverka.nlp.claims.frames import Frame, quoted_ranges
from sverka.nlp.claims.lexicon import lexicon
from sverka.nlp.claims.units import Unit

DASH_VERB = re.compile(r"^(?:,\s*(?:[—–-]\s*)?|[.!?…]?\s*[—–-]\s*)(\w+)")
WHOLE = re.compile(r"^([\"«“„])(.+)[\"»”][,.!?…]?\s*[—–-]\s+(\w+)", re.DOTALL)
SHORT = 3  # a quote this short must contain a verb or follow "что" / ":" to be more than a scare quote
INNER_FRAME = re.compile(r",?\s+[—–-]\s+(\w+)[^—–]*?[.,]\s+[—–-]\s+")


def find_quote(unit: Unit, frame: Frame | None) -> dict | None:
    text = unit.text
    whole = WHOLE.match(text)
    if whole and _is_speech(whole.group(3)) and not INNER_FRAME.search(whole.group(2)):
        return _quote(unit, 1, whole.end(2), whole.group(3))
    for a, b in quoted_ranges(text):
        inner_a, inner_b = a + 1, b - 1
        body = text[inner_a:inner_b]
        cue = _dash_cue(text[b:]) or _colon_cue(text[:a]) or _frame_cue(unit, a, frame)
        if cue is None and _interrupted(body):
            cue = _interrupted(body)
        if cue is None or not _is_words(body) or _scare(unit, text[:a], inner_a, inner_b):
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
    from sverka.nlp.models import morph_analyzer

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


def _colon_cue(before: str) -> str | None:
    m = re.search(r"(\w+)\W{0,3}(?:\s+\w+){0,2}:\s*$", before)
    if m and re.search(r":\s*$", before):
        words = re.findall(r"\w+", before[m.start() :])
        return next((w for w in words if _is_speech(w)), None)
    return None


def _frame_cue(unit: Unit, a: int, frame: Frame | None) -> str | None:
    if frame is None or frame.kind not in ("verb", "phrase"):
        return None
    cue_end = frame.cue_token.end if frame.cue_token else frame.end
    return frame.cue if min(frame.end, cue_end) - unit.start <= a else None


def _scare(unit: Unit, before: str, a: int, b: int) -> bool:
    """A short quoted name or word («Сармат», «кукурузником»), not someone's words."""
    toks = [t for t in unit.tokens if unit.start + a <= t.start and t.end <= unit.start + b and t.pos != "PUNCT"]
    if len(toks) > SHORT:
        return False
    if re.search(r"(что|:)\s*$", before):
        return False
    body = unit.text[a:b]
    if re.search(r"[!?…]$|\s[—–]\s", body) or re.search(r"(?i)(?<!\w)(я|мы|вы|наш\w*|мо[йяеи]\w*|ваш\w*)(?!\w)", body):
        return False  # an exclamation, a "X — Y" sentence, first or second person: someone's words
    return not any(t.pos in ("VERB", "PRTS", "INFN", "GRND") for t in toks)


def _is_words(body: str) -> bool:
    words = re.findall(r"[^\W\d_][\w-]*", body)
    return bool(words) and any(w[:1].islower() for w in words)


def _block_quote(unit: Unit) -> dict | None:
    """A Telegram quote block ("— пояснял ранее Нетаньяху" under it) or a dialogue line ("— Мы
    не отступим, — сказал министр")."""
    if unit.dialogue:
        m = re.search(r"[,.!?…]\s*[—–]\s*(\w+)", unit.text)
        if m and _is_speech(m.group(1)):
            end = m.start() + (1 if unit.text[m.start()] in "!?…" else 0)
            return _quote(unit, 0, end, m.group(1))
    m = re.search(r"[,.!?…]?\s*\n\s*[—–-]\s*(\w+)", unit.text)
    if not m or not _is_speech(m.group(1)) or any(q in unit.text[: m.start()] for q in "«\"“"):
        return None
    return _quote(unit, 0, m.start(), m.group(1))
