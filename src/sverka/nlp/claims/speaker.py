"""Who the frame names: an entity (by mention spans), an unnamed source, or someone named earlier.

Coreference is by the post's own history: "он", "министр", "собеседник агентства", "издание" take
the speaker of the last attributed claim; "ведомство", "компания", "в прокуратуре" take the last
organisation named; a role noun ("губернатор Самарской области") takes the person whose roles name
it, else the person named right after.
"""

from __future__ import annotations

from dataclasses import dataclass

from sverka.doc import Analysis, Entity
from sverka.nlp.claims.frames import Frame
from sverka.nlp.claims.lexicon import lexicon
from sverka.nlp.claims.units import Unit
from sverka.nlp.claims.verbs import OPINION_ADJECTIVES
from sverka.nlp.entities.normal import normalize_phrase
from sverka.nlp.morph import parses

PRONOUNS = {"он", "она", "они", "его", "её", "ее", "их", "тот", "та", "там", "здесь", "тут"}
ROLE_NOUNS = {
    "губернатор", "глава", "президент", "министр", "премьер", "премьер-министр", "мэр", "посол", "главком",
    "маэстро", "вице-премьер", "канцлер", "экс-канцлер", "генпрокурор", "спикер", "председатель", "директор",
    "гендиректор", "командующий", "госсекретарь", "лидер", "политик", "певец", "певица", "депутат",
}
OUTLET_NOUNS = {"издание", "агентство", "газета", "телеканал", "телекомпания", "статья", "сообщение", "заявление"}
ORG_NOUNS = {
    "ведомство", "компания", "канцелярия", "служба", "спецслужба", "пресс-служба", "прокуратура", "прокурор",
    "министерство", "суд", "документ", "сводка", "банк", "организация", "фонд",
}
# A country adjective names the country itself only for these heads ("китайские товарищи" → Китай).
COUNTRY_HEADS = {"товарищ", "сторона", "руководство", "партнёр", "партнер", "коллега"}
TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}
LOOKAHEAD = 300  # characters to look for the name of a speaker given first by role


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
        if _indefinite_personal(frame):
            return Speaker(None, None, "anonymous")  # «Говорят, что …», «пишут, что …»: unnamed people
        return _previous(history) or Speaker(None, None, "named")
    start, end = frame.speaker_start, _extend_to_name(analysis, frame.speaker_start, frame.speaker_end)
    lemma = frame.speaker_head.lemma if frame.speaker_head is not None else ""
    if lemma in OUTLET_NOUNS and _entity_in(analysis, start, end) is None:
        return _previous(history, named=True) or _last_entity(analysis, start, ("ORG",)) or Speaker(None, None, "named")
    if lemma == "собеседник":
        return _previous(history) or Speaker(None, None, "anonymous")
    if lemma in lexicon().anonymous:  # «источник», «в окружении Токаева уверены»: unnamed people
        return Speaker(None, None, "anonymous")
    entity = _entity_in(analysis, start, end)
    if entity is not None and entity.type == "LOC" and lemma not in COUNTRY_HEADS and not _covers_head(entity, frame):
        entity = None  # "британская разведка", "украинский главком": of the country, not the country
    if entity is not None and entity.name.lower() in ROLE_NOUNS:
        lemma = entity.name.lower()
        entity = None
    if entity is None and lemma in PRONOUNS:
        found = _last_entity(analysis, start, ("PER",)) or _previous(history)
        if found is not None:
            return found
    if entity is None and lemma in ORG_NOUNS and len(analysis.text[start:end].split()) <= 2:
        found = _org_like(analysis, lemma, end) or _last_entity(analysis, end, ("ORG",)) or _previous(history)
        if found is not None:
            return found
    if entity is None and lemma in ROLE_NOUNS:
        found = _by_role(analysis, lemma) or _next_person(analysis, end) or _previous(history)
        if found is not None:
            return found
    if entity is not None:
        return Speaker(entity.id, entity.name, "named")
    text = analysis.text[start:end].strip(" «»\"")
    return Speaker(None, normalize_phrase(text.split()) if text else None, "named")  # "по данным X" → nominative


def _indefinite_personal(frame: Frame) -> bool:
    """A plural speech verb with no subject at all: Russian's way of saying "people say"."""
    verb = frame.cue_token
    if verb is None or verb.pos not in ("VERB", "ADJS", "PRTS"):
        return False
    tag = parses(verb.text)[0].tag
    if verb.pos != "VERB":  # «(в Кремле) уверены, что …»
        return "plur" in tag and verb.lemma in OPINION_ADJECTIVES
    return "plur" in tag and ("3per" in tag or "past" in tag)


def _covers_head(entity: Entity, frame: Frame) -> bool:
    head = frame.speaker_head
    return head is not None and any(m.start <= head.start and head.end <= m.end for m in entity.mentions)


def _previous(history: list[Attributed], named: bool = False) -> Speaker | None:
    for item in reversed(history):
        last = item.speaker
        if named and (last.sourcing == "anonymous" or not (last.entity or last.name)):
            continue
        return Speaker(last.entity, last.name, last.sourcing if last.sourcing != "none" else "named")
    return None


def _extend_to_name(analysis: Analysis, start: int, end: int) -> int:
    """"министр … РФ Ирек Файзуллин": take in a person's name that the parse left outside the group."""
    for e in analysis.entities:
        for m in e.mentions:
            if e.type == "PER" and end <= m.start <= end + 2 and not analysis.text[end : m.start].strip(" "):
                return m.end
    return end


def _org_like(analysis: Analysis, lemma: str, before: int) -> Speaker | None:
    """"в прокуратуре" → the organisation named earlier whose name shares the word's stem."""
    stem = lemma[:6]
    best = None
    for e in analysis.entities:
        if e.type == "ORG" and stem in e.name.lower():
            for m in e.mentions:
                if m.end <= before and (best is None or m.start > best[0]):
                    best = (m.start, e)
    return Speaker(best[1].id, best[1].name, "named") if best else None


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


def _next_person(analysis: Analysis, after: int) -> Speaker | None:
    best = None
    for e in analysis.entities:
        for m in e.mentions:
            if e.type == "PER" and after <= m.start < after + LOOKAHEAD and (best is None or m.start < best[0]):
                best = (m.start, e)
    return Speaker(best[1].id, best[1].name, "named") if best else None


def _last_entity(analysis: Analysis, before: int, types: tuple[str, ...]) -> Speaker | None:
    best = None
    for e in analysis.entities:
        if e.type not in types:
            continue
        for m in e.mentions:
            if m.end <= before and (best is None or m.start > best[0]):
                best = (m.start, e)
    return Speaker(best[1].id, best[1].name, "named") if best else None
