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

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..doc import Analysis, Entity, Mention, Sent, Span, Token
from .gazetteer import Gazetteer, Record, gazetteer, name_key
from .morph import parses
from .normal import CASES, normalize_person, normalize_phrase

# Words that NER glues to the front of a name at the start of a sentence ("Плюс Токаев").
FUNCTION_POS = {"CONJ", "PRCL", "PREP", "INTJ", "ADVB", "PRED", "NPRO"}
MARKUP = ("**", "~~", "__", "`")
MARKUP_CHARS = "*~_`"
ABBREVIATION = re.compile(r"^(.*\w)\s*\(\s*([A-ZА-ЯЁ]{2,}|[A-ZА-ЯЁ][\w-]+)\s*\)$")
ROLE_WINDOW = 6
BODY_REMIT_WORDS = 4  # "по" and at most this many words of a body's remit  # tokens looked back from a person's name for a role ("начальнику Генштаба Герасимову")


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
    token_index = _TokenIndex(analysis.sents, analysis.text)
    mentions = clean_mentions(analysis.mentions, token_index, analysis.text)
    mentions = join_org_country(mentions, analysis.text, gaz)
    extend_bodies(mentions, token_index, gaz)
    mentions = _outermost(mentions)
    mentions += find_gazetteer_mentions(analysis, mentions, gaz)
    mentions += find_demonym_mentions(analysis, mentions, gaz)
    expansions = {m.text: m.normal for m in mentions if m.normal}  # "ФССП" → its full name, said in this post
    items = [_normalise(m, token_index.tokens(m.start, m.end), gaz) for m in mentions]
    _expand_abbreviations(items, expansions)
    entities = merge_items(items, gaz)
    add_roles(entities, items, analysis.sents, gaz)
    analysis.mentions = sorted((it.mention for it in items), key=lambda m: m.start)
    analysis.entities = entities


class _TokenIndex:
    def __init__(self, sents: list[Sent], text: str) -> None:
        self.all = [t for s in sents for t in s.tokens]
        self.starts = [t.start for t in self.all]
        self.text = text

    def before(self, start: int, count: int) -> list[Token]:
        from bisect import bisect_left

        i = bisect_left(self.starts, start)
        return self.all[max(0, i - count) : i]

    def after(self, end: int, count: int) -> list[Token]:
        from bisect import bisect_left

        i = bisect_left(self.starts, end)
        return self.all[i : i + count]

    def tokens(self, start: int, end: int) -> list[Token]:
        from bisect import bisect_left

        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.all) and self.all[i].start < end:
            out.append(self.all[i])
            i += 1
        return out


def clean_mentions(mentions: list[Mention], index: _TokenIndex, text: str) -> list[Mention]:
    out = []
    for m in mentions:
        start, end = _without_markup(text, m.start, m.end)
        tokens = index.tokens(start, end)
        while len(tokens) > 1 and _is_function_word(tokens[0]):
            tokens = tokens[1:]
        if not tokens:
            continue
        start, end = max(start, tokens[0].start), min(end, tokens[-1].end)
        surface = text[start:end]
        if not any(ch.isalnum() for ch in surface) or _is_shouted_common_word(surface):
            continue  # «ИСТОЧНИК», «ВАЖНО»: a link label or emphasis, not a name
        out.extend(_split_abbreviation(Mention(start, end, surface, m.type, source=m.source)))
    return out


def _without_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """Posts keep Markdown marks (**bold**, ~~strike~~): a name never spans or includes them."""
    span = text[start:end]
    for mark in MARKUP:
        if mark in span.strip(MARKUP_CHARS):
            pieces = [p for p in span.split(mark) if any(ch.isalpha() for ch in p)]
            if pieces:
                best = max(pieces, key=len)
                start, span = start + span.index(best), best
    lead = len(span) - len(span.lstrip(MARKUP_CHARS + " "))
    trail = len(span) - len(span.rstrip(MARKUP_CHARS + " "))
    return start + lead, start + len(span) - trail


def _split_abbreviation(m: Mention) -> list[Mention]:
    """"Федеральная служба судебных приставов (ФССП)" is a name and its abbreviation."""
    match = ABBREVIATION.match(m.text)
    if match is None:
        return [m]
    full, abbr = match.group(1), match.group(2)
    abbr_start = m.start + match.start(2)
    return [
        Mention(m.start, m.start + len(full), full, m.type, source=m.source),
        Mention(abbr_start, abbr_start + len(abbr), abbr, m.type, normal=full, source=m.source),
    ]


def _is_function_word(token: Token) -> bool:
    options = parses(token.text)
    return bool(options) and options[0].tag.POS in FUNCTION_POS and not _has_name_tag(token.text)


def _has_name_tag(word: str) -> bool:
    return any({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & set(p.tag.grammemes) for p in parses(word))


def _is_shouted_common_word(surface: str) -> bool:
    if not surface.isupper() or " " in surface or len(surface) < 5 or gazetteer().lookup(surface):
        return False
    options = parses(surface.lower())
    return bool(options) and options[0].is_known and not _has_name_tag(surface.lower())


def join_org_country(mentions: list[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    """An ORG directly followed by a place or body in the genitive is one organisation: "МИД Турции",
    "Главное управление МВД России"."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == "ORG"
            and m.type in ("LOC", "ORG")
            and text[prev.end : m.start].strip() == ""
            and m.start - prev.end <= 2
            and _genitive(m.text)
        ):
            out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], "ORG", source=prev.source)
            continue
        out.append(m)
    return out


def extend_bodies(mentions: list[Mention], index: _TokenIndex, gaz: Gazetteer) -> None:
    """A body's remit is part of its name: "комитет Совета Федерации по экономической политике",
    "Главное управление МВД России по Нижегородской области"."""
    for m in mentions:
        if m.type != "ORG":
            continue
        tokens = index.tokens(m.start, m.end)
        if not tokens or not {t.lemma.lower() for t in tokens} & gaz.bodies:
            continue
        before = index.before(m.start, 1)
        if before and before[0].lemma.lower() in gaz.bodies:
            continue  # "комитета Совета Федерации по …": the remit is the committee's
        after = index.after(m.end, BODY_REMIT_WORDS + 1)
        if not after or after[0].text.lower() != "по":
            continue
        remit = []
        for t in after[1:]:
            if t.pos not in ("NOUN", "ADJF", "PRTF") or not _dative_or_prepositional(t.text):
                break
            remit.append(t)
        if remit and remit[-1].pos == "NOUN":
            m.end = remit[-1].end
            m.text = index.text[m.start : m.end]


def _outermost(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue  # inside a longer name
        out.append(m)
    return out


def _dative_or_prepositional(word: str) -> bool:
    return any(p.tag.case in ("datv", "loct", "gent") for p in parses(word))


def _genitive(phrase: str) -> bool:
    last = phrase.split()[-1]
    return any(p.tag.case == "gent" for p in parses(last)) or (bool(gazetteer().lookup(phrase)) and last.isupper())


def _overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    return any(start < m.end and m.start < end for m in taken)


def find_gazetteer_mentions(analysis: Analysis, taken: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Known names that NER did not tag ("ОДКБ" at a sentence start, "Кавказе", "ВВП")."""
    found: list[Mention] = []
    for sent in analysis.sents:
        tokens = sent.tokens
        keys = [t.lemma.lower().replace("ё", "е") for t in tokens]
        i = 0
        while i < len(tokens):
            step = 1
            for n in range(min(gaz.max_words, len(tokens) - i), 0, -1):
                rec = gaz.scan_keys.get(" ".join(keys[i : i + n]))
                if rec is None or not _looks_like_name(tokens[i : i + n], rec):
                    continue
                start, end = tokens[i].start, tokens[i + n - 1].end
                if not _overlaps(start, end, taken) and not _overlaps(start, end, found):
                    found.append(Mention(start, end, analysis.text[start:end], rec.type, source="gazetteer"))
                    step = n
                    break
            i += step
    return found


def _looks_like_name(tokens: list[Token], rec: Record) -> bool:
    first = tokens[0].text
    if not first[:1].isupper() and not first[:1].isdigit():
        return False
    return not (rec.name.isupper() and not first.isupper())  # "ОДКБ" yes, "Одкб" no


def find_demonym_mentions(analysis: Analysis, taken: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Country adjectives and people nouns: "российских войск", "китайские товарищи", "американцы"."""
    found: list[Mention] = []
    for sent in analysis.sents:
        for i, token in enumerate(sent.tokens):
            lemma = token.lemma.lower().replace("ё", "е")
            rec = gaz.by_adjective.get(lemma) if token.pos in ("ADJF", "ADJS") else gaz.people_nouns.get(lemma)
            if rec is None or _overlaps(token.start, token.end, taken):
                continue
            end = token.end
            nxt = sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None
            if token.pos == "ADJF" and nxt is not None and nxt.lemma.lower() in gaz.collective:
                end = nxt.end  # the collective noun stands for the country with it
            if not _overlaps(token.start, end, found):
                found.append(Mention(token.start, end, analysis.text[token.start : end], rec.type, source="demonym"))
    return found


def _normalise(m: Mention, tokens: list[Token], gaz: Gazetteer) -> _Item:
    item = _Item(m, tokens)
    words = [t.text for t in tokens] or [m.text]
    if m.source == "demonym":
        lemma = tokens[0].lemma.lower().replace("ё", "е") if tokens else m.text.lower()
        rec = gaz.by_adjective.get(lemma) or gaz.people_nouns.get(lemma)
        item.record = rec
        item.normal = rec.name if rec else m.text
    elif m.type == "PER":
        item.normal, item.candidates = normalize_person([w for w in words if any(ch.isalnum() for ch in w)] or words)
        item.record = next((r for c in item.candidates if (r := _person_record(c, gaz))), None)
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
    entities = []
    for (typ, _), members in groups.items():
        entities.append(_entity(typ, members))
    return sorted(entities, key=lambda e: e.mentions[0].start)


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


def add_roles(entities: list[Entity], items: list[_Item], sents: list[Sent], gaz: Gazetteer) -> None:
    by_id = {e.id: e for e in entities}
    for it in items:
        if it.mention.type != "PER" or it.mention.source == "demonym" or not it.tokens:
            continue
        role = role_before(it.mention.start, sents, gaz, it.tokens[0].text)
        entity = by_id.get(it.mention.entity)
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
