"""Repairs of NER mentions before they become entities.

A capitalised function word glued to a name ("Плюс Токаев"), Markdown marks ("Прайор**"), an
all-caps common word ("ИСТОЧНИК"), a name with its abbreviation in brackets, an organisation split
from the country or body it belongs to ("МИД" + "Турции"), a body without its remit ("суд" + "по
правам человека").
"""

from __future__ import annotations

import re

from sverka.doc import Mention, Token
from sverka.nlp.entities.gazetteer import Gazetteer, gazetteer
from sverka.nlp.morph import parses
from sverka.nlp.tokens import TokenIndex

# Words that NER glues to the front of a name at a sentence start ("Плюс Токаев", "Помянем Никиту").
FUNCTION_POS = {"CONJ", "PRCL", "PREP", "INTJ", "ADVB", "PRED", "NPRO", "VERB", "INFN", "GRND"}
MARKUP = ("**", "~~", "__", "`")
MARKUP_CHARS = "*~_`"
ABBREVIATION = re.compile(r"^(.*\w)\s*\(\s*([A-ZА-ЯЁ]{2,}|[A-ZА-ЯЁ][\w-]+)\s*\)$")
BODY_REMIT_WORDS = 4  # "по" and at most this many words of a body's remit


def clean_mentions(mentions: list[Mention], index: TokenIndex, text: str) -> list[Mention]:
    out = []
    for m in mentions:
        start, end = _without_markup(text, m.start, m.end)
        start, end = _first_line(text, start, end)
        tokens = index.tokens(start, end)
        while len(tokens) > 1 and (_is_function_word(tokens[0]) or _is_office(tokens[0])):
            tokens = tokens[1:]
        if tokens and m.type != "PER" and _sentence_start(text, tokens[0].start) and _is_common_noun(tokens[0]):
            tokens = tokens[1:]  # "Доля нацвалют …", "Сотрудничество России …": capitalised only by position
        if not tokens or not (tokens[0].text[:1].isupper() or tokens[0].text[:1].isdigit()):
            continue
        start, end = max(start, tokens[0].start), min(end, tokens[-1].end)
        surface = text[start:end]
        if not any(ch.isalnum() for ch in surface) or _is_shouted_common_word(surface):
            continue  # «ИСТОЧНИК», «ВАЖНО»: a link label or emphasis, not a name
        if len(tokens) == 1 and _is_office(tokens[0]):
            continue  # "Экс-главу": an office alone is not a name
        out.extend(_split_abbreviation(Mention(start, end, surface, m.type, source=m.source)))
    return out


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip()
    while before and not before[-1].isalnum() and before[-1] not in ".!?:;\n\"«»()":
        before = before[:-1].rstrip()  # emoji, bullets and dashes at the head of a line
    return not before or before[-1] in ".!?:;\n"


def _is_common_noun(token: Token) -> bool:
    """A dictionary noun that is no name and heads no organisation: "Доля", "Сотрудничество"."""
    word = token.text
    if not word[:1].isupper() or word.isupper() or gazetteer().lookup(word):
        return False
    options = parses(word.lower())
    if not options or not options[0].is_known or options[0].tag.POS != "NOUN" or _has_name_tag(word):
        return False
    return token.lemma.lower() not in gazetteer().bodies


def _is_office(token: Token) -> bool:
    return token.lemma.lower().removeprefix("экс-") in gazetteer().roles


def _first_line(text: str, start: int, end: int) -> tuple[int, int]:
    """A name never runs across a line break ("Черепашек-ниндзя\n\nМужик"): keep its first line."""
    cut = text.find("\n", start, end)
    return (start, cut) if cut > start else (start, end)


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


def extend_bodies(mentions: list[Mention], index: TokenIndex, gaz: Gazetteer) -> None:
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


def outermost(mentions: list[Mention]) -> list[Mention]:
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
