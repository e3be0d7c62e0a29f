"""The events stage: what happened, by whom to whom, where, when, how many times.

One event per claim at most: the trigger word nearest the root of the claim's clause (a lemma of
data/claims/event_triggers.tsv), its agent and patient from the syntax, the place (a LOC entity
after в/на), the time (a resolved time expression inside the claim) and the count ("восемь
совещаний" → 8). A statement with no event word of its own is a "statement" event by its speaker.
"""

from __future__ import annotations

from typing import Any

from sverka.doc import Analysis, Entity, Token
from sverka.nlp.claims.lexicon import lexicon
from sverka.nlp.claims.units import Unit, split_units

NUMBERS = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "сто": 100, "оба": 2, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5,
}
TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}
PRONOUNS = {"он", "она", "они"}


def extract_events_doc(analysis: Analysis) -> None:
    units = {(u.start, u.end): u for u in split_units(analysis)}
    events: list[dict[str, Any]] = []
    for claim in analysis.claims:
        unit = units.get((claim["start"], claim["end"]))
        event = _event(analysis, claim, unit) if unit is not None else None
        if event is not None:
            event["id"] = f"e{len(events) + 1}"
            events.append(event)
    analysis.events = events


def _event(analysis: Analysis, claim: dict[str, Any], unit: Unit) -> dict[str, Any] | None:
    triggers = lexicon().event_triggers
    quote = claim.get("quote") or {}
    found = [t for t in unit.tokens if t.lemma in triggers and not (quote and quote["start"] <= t.start < quote["end"])]
    found = [t for t in found if not (claim["type"] == "statement" and triggers[t.lemma] == "statement")]
    if not found and claim["type"] != "statement":
        return None
    if found:
        trigger = min(found, key=lambda t: (_depth(unit, t), t.start))
        etype = triggers[trigger.lemma]
        participants = _participants(analysis, unit, trigger)
    else:
        trigger, etype = None, "statement"
        participants = [{"entity": claim.get("speaker"), "name": claim.get("speaker_name"), "role": "agent"}]
        if not claim.get("speaker_name"):
            return None
    times = [t for t in analysis.times if claim["start"] <= t.start and t.end <= claim["end"]]
    return {
        "type": etype,
        "trigger": _span(analysis, trigger) if trigger else None,
        "participants": participants,
        "place": _place(analysis, unit),
        "time": times[0].value if times else None,
        "time_text": times[0].text if times else None,
        "count": _count(unit, trigger) if trigger else None,
        "evidence": {"start": claim["start"], "end": claim["end"], "text": claim["text"]},
        "claim": claim.get("id"),
    }


def _depth(unit: Unit, tok: Token) -> int:
    depth, cur = 0, tok
    while (head := unit.head(cur)) is not None and depth < 30:
        depth, cur = depth + 1, head
    return depth


def _participants(analysis: Analysis, unit: Unit, trigger: Token) -> list[dict[str, Any]]:
    verb = trigger
    head = unit.head(trigger)
    if trigger.pos == "NOUN" and trigger.rel in ("obj", "nsubj:pass") and head is not None:
        verb = head  # "провел восемь совещаний": the verb carries the agent
    out = []
    for rel, role in (("nsubj", "agent"), ("obj", "patient"), ("nsubj:pass", "patient"), ("iobj", "patient")):
        for child in unit.children(verb, (rel,)):
            if child is trigger:
                continue
            out.append(_participant(analysis, unit, child, role))
    if trigger.pos == "NOUN":
        for child in unit.children(trigger, ("nmod",)):
            out.append(_participant(analysis, unit, child, "patient"))
    return [p for p in out if p["name"]]


def _participant(analysis: Analysis, unit: Unit, head: Token, role: str) -> dict[str, Any]:
    toks = [t for t in unit.subtree(head, skip=("acl", "acl:relcl", "punct", "conj", "cc", "parataxis"))]
    start, end = toks[0].start, toks[-1].end
    found = [
        (TYPE_RANK.get(e.type, 3), e) for e in analysis.entities for m in e.mentions if m.start < end and start < m.end
    ]
    entity = min(found, key=lambda x: x[0])[1] if found else None
    if entity is None and head.lemma in PRONOUNS:
        entity = _last_person(analysis, head.start)  # "он выставил ультиматум" → the person named before
    name = entity.name if entity else (analysis.text[start:end] if len(toks) <= 6 else head.text)
    return {"entity": entity.id if entity else None, "name": name, "role": role}


def _last_person(analysis: Analysis, before: int) -> Entity | None:
    best = None
    for e in analysis.entities:
        for m in e.mentions:
            if e.type == "PER" and m.end <= before and (best is None or m.start > best[0]):
                best = (m.start, e)
    return best[1] if best else None


def _place(analysis: Analysis, unit: Unit) -> dict[str, Any] | None:
    preps = {t.end: t for t in unit.tokens if t.lemma in ("в", "во", "на")}
    for e in analysis.entities:
        if e.type != "LOC":
            continue
        for m in e.mentions:
            if unit.start <= m.start and m.end <= unit.end and any(0 < m.start - end <= 2 for end in preps):
                return {"entity": e.id, "name": e.name, "start": m.start, "end": m.end}
    return None


def _count(unit: Unit, trigger: Token) -> int | None:
    for child in unit.children(trigger, ("nummod", "nummod:gov", "nummod:entity")):
        if child.text.isdigit():
            return int(child.text)
        if child.lemma in NUMBERS:
            return NUMBERS[child.lemma]
    return None


def _span(analysis: Analysis, tok: Token) -> dict[str, Any]:
    return {"start": tok.start, "end": tok.end, "text": tok.text}
