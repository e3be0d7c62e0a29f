"""Canonical entities within a document.

From NER mentions and the gazetteer to one Entity per referent:
1. clean NER mentions (a capitalised sentence-initial word glued to a name, all-caps common words);
2. join an organisation with the country that follows it ("МИД" + "Турции" → "МИД Турции");
3. add names NER missed (gazetteer aliases) and country adjectives ("российских войск" → Россия);
4. normalise every mention to the nominative and resolve it against the gazetteer;
5. merge mentions of one referent ("Путину", "Путина" → "Владимир Путин") and keep roles
   ("президент России", "начальник Генштаба").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sverka.doc import Analysis, Entity, Mention, Span, Token
from sverka.nlp.entities.find import find_demonym_mentions, find_gazetteer_mentions
from sverka.nlp.entities.fix import clean_mentions, extend_bodies, join_org_country, outermost
from sverka.nlp.entities.gazetteer import Gazetteer, Record, gazetteer, name_key
from sverka.nlp.entities.normal import normalize_person, normalize_phrase
from sverka.nlp.entities.roles import add_roles
from sverka.nlp.tokens import TokenIndex


@dataclass
class _Item:
    """A mention on its way to an entity."""

    mention: Mention
    tokens: list[Token]
    normal: str = ""
    candidates: list[str] = field(default_factory=list)
    record: Record | None = None
    country: str | None = None


def canonize_entities_doc(analysis: Analysis) -> None:
    gaz = gazetteer()
    token_index = TokenIndex(analysis.sents, analysis.text)
    mentions = clean_mentions(analysis.mentions, token_index, analysis.text)
    mentions = join_org_country(mentions, analysis.text, gaz)
    extend_bodies(mentions, token_index, gaz)
    mentions = outermost(mentions)
    mentions += find_gazetteer_mentions(analysis, mentions, gaz)
    mentions += find_demonym_mentions(analysis, mentions, gaz)
    expansions = {m.text: m.normal for m in mentions if m.normal}  # "ФССП" → its full name, said in this post
    items = [_normalise(m, token_index.tokens(m.start, m.end), gaz) for m in mentions]
    _expand_abbreviations(items, expansions)
    entities = merge_items(items, gaz)
    add_roles(entities, [it.mention for it in items], analysis.sents, gaz)
    analysis.mentions = sorted((it.mention for it in items), key=lambda m: m.start)
    analysis.entities = entities


def _normalise(m: Mention, tokens: list[Token], gaz: Gazetteer) -> _Item:
    item = _Item(m, tokens)
    words = [t.text for t in tokens] or [m.text]
    if m.type != "PER" and m.source == "ner" and len(words) == 1:
        known = _person_record(normalize_person(words)[0], gaz)
        if known is not None:  # "Администрация Байдена": NER says place, the gazetteer knows the man
            m.type = "PER"
    if m.source == "demonym":
        lemma = tokens[0].lemma.lower().replace("ё", "е") if tokens else m.text.lower()
        rec = gaz.by_adjective.get(lemma) or gaz.people_nouns.get(lemma)
        item.record = rec
        item.normal = rec.name if rec else m.text
    elif m.type == "PER":
        item.normal, item.candidates = normalize_person([w for w in words if any(ch.isalnum() for ch in w)] or words)
        item.record = next((r for c in item.candidates if (r := _person_record(c, gaz))), None)
        if item.record is None and (surname := _known_surname_form(words, gaz)) is not None:
            item.normal, item.record = surname  # «Шольцем»: the morphology does not know him, the gazetteer does
            item.candidates = [surname[0], *item.candidates]
    else:
        item.normal = normalize_phrase(words)
        item.record = gaz.lookup(item.normal) or gaz.lookup(m.text)
        if item.record is None and m.type == "ORG" and len(words) > 1:
            item.country = _country_of_dependents(words[1:], gaz)
            head = gaz.lookup(words[0])
            if item.country is None and head is not None:
                item.country = head.country
    if item.record is not None and item.record.type != m.type and m.source == "ner" and item.record.type == "PER":
        item.record = None  # NER says place or organisation, the gazetteer only knows a person by that name
    m.normal = item.normal
    if item.record is not None:
        m.type = item.record.type
    return item


def _expand_abbreviations(items: list[_Item], expansions: dict[str, str]) -> None:
    full_forms = {it.mention.text: it for it in items}
    for it in items:
        full = expansions.get(it.mention.text)
        if full is None:
            continue
        owner = full_forms.get(full)
        if it.record is not None:  # a known abbreviation names the long form too
            if owner is not None and owner.record is None:
                owner.record = it.record
                owner.mention.type = it.record.type
            continue
        it.normal = owner.normal if owner else full
        it.mention.normal = it.normal
        if owner is not None and owner.record is not None:
            it.record = owner.record


# Case endings of a surname declined like a noun (ablt, gent, datv, loct), longest first.
SURNAME_ENDINGS = ("ом", "ем", "ём", "а", "я", "у", "ю", "е")


def _known_surname_form(words: list[str], gaz: Gazetteer) -> tuple[str, Record] | None:
    """The nominative of a gazetteer person's surname in an oblique case the morphology misses."""
    last = words[-1]
    for ending in SURNAME_ENDINGS:
        if len(last) > len(ending) + 2 and last.lower().endswith(ending):
            stem = last[: -len(ending)]
            for cand in (stem, stem + "ь", stem + "й"):
                name = " ".join([*words[:-1], cand])
                if (rec := _person_record(name, gaz)) is not None:
                    return name, rec
    return None


def _person_record(name: str, gaz: Gazetteer) -> Record | None:
    rec = gaz.lookup(name)
    return rec if rec is not None and rec.type == "PER" else None


def _country_of_dependents(words: list[str], gaz: Gazetteer) -> str | None:
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            rec = gaz.lookup(normalize_phrase(words[i : i + n]))
            if rec is not None and rec.type == "LOC" and rec.country:
                return rec.country
    return None


def merge_items(items: list[_Item], gaz: Gazetteer) -> list[Entity]:
    groups: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    persons = [it for it in items if it.mention.type == "PER"]
    _merge_persons(persons, groups)
    for it in items:
        if it.mention.type == "PER":
            continue
        name = it.record.name if it.record else it.normal
        groups[(it.mention.type, name_key(name))].append(it)
    by_id: dict[str, Entity] = {}
    for (typ, _), members in groups.items():
        entity = _entity(typ, members)
        if entity.id in by_id:  # two groups read as one name ("Хазрат" read as a form of "Мазахим"): one entity
            _absorb(by_id[entity.id], entity)
        else:
            by_id[entity.id] = entity
    return sorted(by_id.values(), key=lambda e: e.mentions[0].start)


def _absorb(entity: Entity, other: Entity) -> None:
    """Merge `other` (same id) into `entity`: ids are unique within a document."""
    entity.mentions = sorted(entity.mentions + other.mentions, key=lambda m: m.start)
    entity.aliases = sorted((set(entity.aliases) | set(other.aliases) | {other.name}) - {entity.name})
    entity.country = entity.country or other.country
    entity.kind = entity.kind or other.kind


def _merge_persons(persons: list[_Item], groups: dict[tuple[str, str], list[_Item]]) -> None:
    """Full names first; a lone surname or name joins the one full name it can be a form of."""
    full: dict[str, list[_Item]] = {}
    for it in persons:
        if it.record is not None:
            full.setdefault(it.record.name, []).append(it)
        elif len(it.normal.split()) > 1:
            full.setdefault(it.normal, []).append(it)
    # Two spellings of one full name ("Касым-Жомарт Токаев", a known record) share the record's name.
    for it in persons:
        if it.record is not None or len(it.normal.split()) > 1:
            continue
        owners = [name for name in full if any(_part_of(c, name) for c in it.candidates)]
        if len(set(owners)) == 1:
            full[owners[0]].append(it)
        else:
            full.setdefault(_lone_name(it, persons), []).append(it)
    for name, members in full.items():
        groups[("PER", name_key(name))].extend(members)


def _part_of(word: str, full_name: str) -> bool:
    parts = full_name.lower().replace("ё", "е").split()
    return len(parts) > 1 and word.lower().replace("ё", "е") in parts


def _lone_name(item: _Item, persons: list[_Item]) -> str:
    """The reading of a lone surname that the other lone mentions share ("Путина" + "Путину" → Путин)."""
    votes: dict[str, float] = defaultdict(float)
    for other in persons:
        if other.record is None and len(other.normal.split()) == 1:
            for rank, cand in enumerate(other.candidates):
                votes[cand] += 1.0 / (rank + 1)
    return max(item.candidates or [item.normal], key=lambda c: votes.get(c, 0.0))


def _entity(typ: str, members: list[_Item]) -> Entity:
    members.sort(key=lambda it: it.mention.start)
    rec = next((it.record for it in members if it.record), None)
    if rec is not None:
        name = rec.name
    else:  # the fullest nominative form in the document
        name = max((it.normal for it in members), key=lambda n: (len(n.split()), len(n)))
    country = rec.country if rec else next((it.country for it in members if it.country), None)
    entity = Entity(
        id=entity_id(typ, name),
        name=name,
        type=typ,
        country=country,
        mentions=[Span(it.mention.start, it.mention.end, it.mention.text) for it in members],
        aliases=sorted({it.normal for it in members} - {name}),
        kind=rec.kind if rec else None,
    )
    for it in members:
        it.mention.entity = entity.id
    return entity


def entity_id(typ: str, name: str) -> str:
    """Ids derive from type and canonical name, so the same referent has one id in every document."""
    return f"{typ}:{name}"


