"""Who the frame names: an entity (by mention spans), an unnamed source, or someone named earlier.

Coreference is by the post's own history: "он", "министр", "ведомство", "собеседник агентства"
take the speaker of the last attributed claim; a role noun ("губернатор Самарской области") takes
the entity whose roles name it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..doc import Analysis, Entity
from .claim_frames import Frame
from .claim_lexicon import lexicon
from .claim_units import Unit

PRONOUNS = {"он", "она", "они", "его", "её", "ее", "их", "тот", "та"}
ROLE_NOUNS = {
    "губернатор", "глава", "президент", "министр", "премьер", "премьер-министр", "мэр", "посол", "главком",
    "маэстро", "вице-премьер", "канцлер", "экс-канцлер", "генпрокурор", "спикер", "председатель", "директор",
    "гендиректор", "командующий", "госсекретарь", "лидер", "политик", "певец", "министерство",
}
ORG_NOUNS = {
    "ведомство", "издание", "агентство", "газета", "телеканал", "телекомпания", "компания", "канцелярия",
    "служба", "спецслужба", "пресс-служба", "сообщение", "заявление", "статья", "прокуратура", "прокурор",
    "министерство",
}
TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}


@dataclass
class Speaker:
    entity: str | None
    name: str | None
    sourcing: str  # named | anonymous | none


@dataclass
class Attributed:
    """What later claims of the same post can refer back to."""

    speaker: Speaker
    start: int


def resolve_speaker(frame: Frame, unit: Unit, analysis: Analysis, history: list[Attributed]) -> Speaker:
    if frame.kind in ("own", "known"):
        return Speaker(None, None, "anonymous")
    if frame.kind == "document":
        return Speaker(None, None, "named" if frame.cue.lower() == "согласно" else "none")
    if frame.speaker_start is None or frame.speaker_end is None:
        return _previous(history) or Speaker(None, None, "named")
    start, end = frame.speaker_start, frame.speaker_end
    head = frame.speaker_head
    lemma = head.lemma if head is not None else ""
    if lemma == "собеседник":
        return _previous(history) or Speaker(None, None, "anonymous")
    if lemma in lexicon().anonymous:
        return Speaker(None, None, "anonymous")
    entity = _entity_in(analysis, start, end)
    if lemma in PRONOUNS or (entity is None and lemma in ORG_NOUNS | ROLE_NOUNS):
        found = _previous(history) or _by_role(analysis, lemma) or _last_entity(analysis, start)
        if found is not None:
            return found
    if entity is not None and entity.type == "LOC" and lemma in ROLE_NOUNS:
        holder = _by_role(analysis, lemma)
        if holder is not None:
            return holder
    if entity is not None:
        return Speaker(entity.id, entity.name, "named")
    text = analysis.text[start:end].strip(" «»\"")
    return Speaker(None, text or None, "named")


def _previous(history: list[Attributed]) -> Speaker | None:
    for item in reversed(history):
        if item.speaker.sourcing != "none" or item.speaker.entity:
            return Speaker(item.speaker.entity, item.speaker.name, item.speaker.sourcing if item.speaker.sourcing
                           != "none" else "named")
    return None


def _entity_in(analysis: Analysis, start: int, end: int) -> Entity | None:
    found = [
        (TYPE_RANK.get(e.type, 3), m.start, e)
        for e in analysis.entities
        for m in e.mentions
        if m.start < end and start < m.end
    ]
    return min(found, key=lambda x: (x[0], x[1]))[2] if found else None


def _by_role(analysis: Analysis, lemma: str) -> Speaker | None:
    for e in analysis.entities:
        if e.type == "PER" and any(r.lower().startswith(lemma[:6]) for r in e.roles):
            return Speaker(e.id, e.name, "named")
    return None


def _last_entity(analysis: Analysis, before: int) -> Speaker | None:
    best = None
    for e in analysis.entities:
        if e.type not in ("PER", "ORG"):
            continue
        for m in e.mentions:
            if m.end <= before and (best is None or m.start > best[0]):
                best = (m.start, e)
    return Speaker(best[1].id, best[1].name, "named") if best else None
