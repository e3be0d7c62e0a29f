"""Roles: the office named right before a person ("президент России Владимир Путин")."""

from __future__ import annotations

from sverka.doc import Entity, Mention, Sent
from sverka.nlp.entities.gazetteer import Gazetteer
from sverka.nlp.entities.normal import CASES, normalize_phrase
from sverka.nlp.morph import parses

ROLE_WINDOW = 6  # tokens looked back from a person's name ("начальнику Генштаба Герасимову")


def add_roles(entities: list[Entity], mentions: list[Mention], sents: list[Sent], gaz: Gazetteer) -> None:
    by_id = {e.id: e for e in entities}
    for m in mentions:
        if m.type != "PER" or m.source == "demonym" or not m.text.split():
            continue
        role = role_before(m.start, sents, gaz, m.text.split()[0])
        entity = by_id.get(m.entity)
        if role and entity is not None and role not in entity.roles:
            entity.roles.append(role)


def role_before(start: int, sents: list[Sent], gaz: Gazetteer, name_word: str = "") -> str | None:
    """The office named right before a person: "президент России Владимир Путин" → "президент России".

    The role noun must agree in case with the name ("начальнику Генштаба Герасимову"); in "с
    помощником Шольца" it does not, and the office is someone else's.
    """
    sent = next((s for s in sents if s.start <= start < s.end), None)
    if sent is None:
        return None
    before = [t for t in sent.tokens if t.end <= start][-ROLE_WINDOW:]
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if not any(ch.isalpha() for ch in token.text):
            return None  # a comma or a quote ends the phrase
        if token.lemma.lower() in gaz.roles and token.pos == "NOUN":
            if name_word and not _agree_in_case(token.text, name_word):
                return None
            j = i
            while j > 0 and before[j - 1].pos in ("ADJF", "PRTF") and any(ch.isalpha() for ch in before[j - 1].text):
                j -= 1  # "генеральный секретарь НАТО"
            head = normalize_phrase([t.text for t in before[j : i + 1]])
            words = [head.lower() if head[1:].islower() or head.istitle() else head]
            return " ".join(words + [t.text for t in before[i + 1 :]])
        if token.pos in ("VERB", "INFN", "PREP", "CONJ", "PRCL"):
            return None
    return None


def _agree_in_case(role: str, name: str) -> bool:
    role_cases = {p.tag.case for p in parses(role)}
    name_cases = {p.tag.case for p in parses(name) if p.tag.case} or set(CASES)
    return bool(role_cases & name_cases) or any(p.tag.case is None for p in parses(name))
