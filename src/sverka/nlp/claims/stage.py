"""The claims stage: one claim per asserting clause, with its speaker, quote, sourcing and flags.

Fills `analysis.claims` with dicts (the JSON contract, docs/annotation.md defines each label):
`id, start, end, text, type, speaker, speaker_name, quote, indirect, sourcing, source_text,
insider, hedged, negated, conditional, checkworthiness, checkworthiness_reasons, time, entities`.
"""

from __future__ import annotations

from typing import Any

from sverka.doc import Analysis
from sverka.nlp.claims.checkworthy import checkworthiness
from sverka.nlp.claims.flags import conditional, content_type, hedged, insider, negated
from sverka.nlp.claims.frames import Frame, find_frame
from sverka.nlp.claims.lexicon import find_phrases, lexicon
from sverka.nlp.claims.quotes import find_quote
from sverka.nlp.claims.speaker import Attributed, Speaker, resolve_speaker
from sverka.nlp.claims.units import Unit, split_units

STATEMENT_FRAMES = ("phrase", "verb", "dash", "colon")


def extract_claims_doc(analysis: Analysis) -> None:
    analysis.claims = extract_claims(analysis, channel=analysis.source)


def extract_claims(analysis: Analysis, channel: str | None = None) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = []
    history: list[Attributed] = []
    carry_insider: int | None = None  # the paragraph where the channel's own knowledge was cited
    for unit in split_units(analysis):
        claim, speaker, frame = _claim(analysis, unit, channel, history)
        if frame is not None and frame.kind in STATEMENT_FRAMES:
            history.append(Attributed(speaker, unit.start))
        # the channel's own unnamed knowledge covers the unsourced sentences after it
        if frame is not None and frame.kind in ("own",):
            carry_insider = unit.paragraph
        elif claim["sourcing"] != "none":
            carry_insider = None
        elif carry_insider == unit.paragraph and claim["type"] in ("event", "prediction"):
            claim["insider"] = True
        claim["id"] = f"c{len(claims) + 1}"
        claims.append(claim)
    return claims


def _claim(
    analysis: Analysis, unit: Unit, channel: str | None, history: list[Attributed]
) -> tuple[dict[str, Any], Speaker, Frame | None]:
    frame = find_frame(unit, channel)
    speaker = resolve_speaker(frame, unit, analysis, history) if frame else Speaker(None, None, "none")
    is_statement = frame is not None and frame.kind in STATEMENT_FRAMES
    ctype = "statement" if is_statement else content_type(unit)
    sourcing = speaker.sourcing if frame else "none"
    private = frame is not None and (frame.register == "private" or _closed_door(unit.text))
    outlet_or_body = (speaker.entity or "").startswith(("ORG:", "LOC:"))
    if sourcing == "named" and is_statement and private and not outlet_or_body:
        sourcing = "none"  # a named person's private position, relayed without a source ("как настаивает Путин")
    quote = find_quote(unit, frame) if is_statement else None
    ents = _entities_in(analysis, unit.start, unit.end)
    times = [t for t in analysis.times if unit.start <= t.start and t.end <= unit.end]
    hedge = hedged(unit.text)
    claim = {
        "start": unit.start,
        "end": unit.end,
        "text": unit.text,
        "type": ctype,
        "speaker": speaker.entity,
        "speaker_name": speaker.name,
        "quote": quote,
        "indirect": is_statement and quote is None,
        "sourcing": sourcing,
        "source_text": analysis.text[frame.start : frame.end] if frame else None,
        "insider": insider(unit, frame, sourcing, bool(speaker.entity or speaker.name) and is_statement),
        "hedged": hedge,
        "negated": negated(unit),
        "conditional": conditional(unit.text),
        "checkworthiness": 0.0,
        "checkworthiness_reasons": [],
        "time": [t.value for t in times],
        "entities": ents,
    }
    claim["checkworthiness"], claim["checkworthiness_reasons"] = checkworthiness(claim)
    return claim, speaker, frame


def _closed_door(text: str) -> bool:
    return bool(find_phrases(text, lexicon().closed_door, stems=True))


def _entities_in(analysis: Analysis, start: int, end: int) -> list[str]:
    return [e.id for e in analysis.entities if any(start <= m.start and m.end <= end for m in e.mentions)]
