"""Attribution frames: who a clause is attributed to and in which words.

Tried in order: a phrase (по словам X, по данным X), the channel's own knowledge (по данным SHOT,
как стало известно SHOT, по нашей информации: no speaker), a heading colon (Минобороны России: …),
a trailing dash (…, — Reuters), a speech verb (claim_verbs.py: заявил Лавров, заявили в МИД, как
настаивает Путин), and last a document (согласно законопроекту).
"""

from __future__ import annotations

import re

from sverka.nlp.claims.lexicon import lexicon
from sverka.nlp.claims.spans import VERBAL, Frame, quoted_ranges, span_head
from sverka.nlp.claims.units import Unit
from sverka.nlp.claims.verbs import verb_frame

__all__ = ["Frame", "find_frame", "quoted_ranges", "span_head"]


def find_frame(unit: Unit, channel: str | None = None) -> Frame | None:
    """The attribution frame of a unit, or None when the author asserts it."""
    phrase = _phrase_frame(unit, channel)
    if phrase is not None and phrase.kind != "document":
        return phrase
    return (
        _known_frame(unit, channel)
        or _colon_frame(unit)
        or _dash_frame(unit)
        or _own_voice(verb_frame(unit), unit, channel)
        or phrase  # "согласно законопроекту": a document, only when no one is quoted
    )


def _own_voice(frame: Frame | None, unit: Unit, channel: str | None) -> Frame | None:
    """"SHOT рассказывает, …": the channel speaking as itself is the author, not a source."""
    if frame is None or frame.speaker_start is None or frame.speaker_end is None:
        return frame
    who = unit.text[frame.speaker_start - unit.start : frame.speaker_end - unit.start]
    return None if _is_channel(who, channel) else frame


def _phrase_frame(unit: Unit, channel: str | None) -> Frame | None:
    low = unit.text.lower()
    best = None
    for phrase, kind in lexicon().frame_phrases.items():
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            if best is None or m.start() < best[0].start():
                best = (m, kind)
    m_pro = re.search(r"(?<!\w)(по|со) (его|её|ее|их) (словам|мнению|данным|информации|оценке)(?!\w)", low)
    if m_pro and (best is None or m_pro.start() <= best[0].start()):
        pro = unit.start + m_pro.start(2)
        frame = Frame("phrase", m_pro.group(0), unit.start + m_pro.start(), unit.start + m_pro.end(),
                      speaker_start=pro, speaker_end=pro + len(m_pro.group(2)))
        frame.speaker_head = span_head(unit, pro, pro + len(m_pro.group(2)))
        return frame
    m_pre = re.search(r"(?<!\w)по (\w+) (данным|информации|сведениям)(?!\w)", low)
    if m_pre and (best is None or m_pre.start() <= best[0].start()):
        # "по предварительным данным", "по нашей информации": no speaker named
        own = m_pre.group(1) in ("нашим", "нашей", "нашим")
        return Frame("own" if own else "known", m_pre.group(0), unit.start + m_pre.start(), unit.start + m_pre.end())
    if best is None:
        return None
    m, kind = best
    start, end = unit.start + m.start(), unit.start + m.end()
    np_start, np_end = _np_after(unit, end)
    if np_start is None:
        return None
    frame = Frame(
        "document" if kind == "document" else "phrase", unit.text[m.start() : m.end()], start, np_end,
        speaker_start=np_start, speaker_end=np_end,
    )
    frame.speaker_head = span_head(unit, np_start, np_end)
    if _is_channel(unit.text[np_start - unit.start : np_end - unit.start], channel):
        frame.kind = "own"
    if m.group(0) in ("со ссылкой на", "ссылаясь на"):
        return None  # "пишет X со ссылкой на Y": the verb frame names the speaker
    return frame


def _np_after(unit: Unit, pos: int) -> tuple[int | None, int]:
    """The noun group right after `pos`: up to the next comma, colon, dash or the end of the unit."""
    rest = unit.text[pos - unit.start :]
    m = re.match(r"\s*([^,:;—–]+)", rest)
    if not m or not m.group(1).strip():
        return None, pos
    a = pos + m.start(1)
    b = pos + m.end(1)
    while b > a and unit.text[b - 1 - unit.start] in " \t\n":
        b -= 1
    return a, b


def _is_channel(text: str, channel: str | None) -> bool:
    if not channel:
        return False
    a, b = text.lower().strip(" «»\""), channel.lower()
    return bool(a) and (a in b or b in a)


def _known_frame(unit: Unit, channel: str | None) -> Frame | None:
    """"(как) стало известно (X)", "как мы писали": known without a speaker."""
    m = re.search(r"(?<!\w)(?:как )?(?:нам )?стало известно(?: ([\w-]+))?", unit.text, re.IGNORECASE)
    if m:
        who = m.group(1) or ""
        own = "нам" in m.group(0).lower() or _is_channel(who, channel) or (who.isupper() and len(who) > 1)
        end = m.end() if (own and who) else m.start() + len(m.group(0)) - (len(who) + 1 if who else 0)
        return Frame("own" if own else "known", m.group(0), unit.start + m.start(), unit.start + end)
    m = re.search(r"(?<!\w)(?:в|во) (сми|соцсетях|сети|медиа)\s+(?:\w+\s+)?появил\w*\s+(?:информаци|сообщени|данны)\w*",
                  unit.text, re.IGNORECASE)
    if m:  # "в СМИ появилась информация, что …": unnamed media speak
        frame = Frame("phrase", m.group(0), unit.start + m.start(), unit.start + m.end(),
                      speaker_start=unit.start + m.start(1), speaker_end=unit.start + m.end(1))
        frame.speaker_head = span_head(unit, unit.start + m.start(1), unit.start + m.end(1))
        return frame
    m = re.search(r"(?<!\w)как мы (?:уже )?(?:писали|сообщали|рассказывали)", unit.text, re.IGNORECASE)
    if m:
        return Frame("own", m.group(0), unit.start + m.start(), unit.start + m.end())
    return None


# Lowercase words that can open a dash attribution: "— агентство SANA", "— глава Минобороны Турции …".
SOURCE_NOUNS = {
    "агентство", "издание", "газета", "телеканал", "пресс-служба", "глава", "министр", "президент", "премьер",
    "премьер-министр", "посол", "губернатор", "мэр", "представитель", "спикер", "пресс-секретарь", "министерство",
    "ведомство", "командование", "источник", "очевидец", "депутат", "директор", "гендиректор", "экс-канцлер",
}


def _dash_frame(unit: Unit) -> Frame | None:
    """"…, — Reuters", "… — власти", "…, — глава Минобороны Турции Яшар Гюлер"."""
    m = re.search(r"[,.!]?\s+[—–-]\s+([^—–]{2,80})$", unit.text)
    if not m:
        return None
    tail_start = unit.start + m.start(1)
    tail = [t for t in unit.tokens if t.start >= tail_start]
    before = [t for t in unit.tokens if t.end <= unit.start + m.start() and t.pos != "PUNCT"]
    if not tail or len(tail) > 8 or len(before) < 4 or any(t.pos in ("VERB", "INFN") for t in tail):
        return None
    head = span_head(unit, tail_start, unit.end)
    if head is None:
        return None
    first = tail[0]
    if not (first.text[:1].isupper() or head.lemma in lexicon().anonymous or first.lemma in SOURCE_NOUNS):
        return None  # "… и всё — сегодня CLOSE" is not an attribution
    return Frame("dash", "—", unit.start + m.start(), unit.end, speaker_start=tail_start, speaker_end=unit.end,
                 speaker_head=head)


def _colon_frame(unit: Unit) -> Frame | None:
    """"Минобороны России: за три дня …", "The Washington Post: …"."""
    m = re.match(r"([^:«\"]{2,60}):\s+\S", unit.text)
    if not m:
        return None
    end = unit.start + m.end(1)
    head_toks = [t for t in unit.tokens if t.end <= end]
    rest = [t for t in unit.tokens if t.start > end]
    if not head_toks or len(head_toks) > 6 or len(rest) < 4 or any(t.pos in VERBAL for t in head_toks):
        return None
    if not head_toks[0].text[:1].isupper() or head_toks[0].lemma in ("среди", "итог", "главное"):
        return None
    named = any(a < end and unit.start < b for a, b, kind in unit.names if kind in ("ORG", "PER"))
    if not named and not any(re.match(r"[A-Z]", t.text) or (t.text.isupper() and len(t.text) > 1) for t in head_toks):
        return None
    head = span_head(unit, unit.start, end)
    return Frame("colon", ":", unit.start, end, speaker_start=unit.start, speaker_end=end, speaker_head=head)
