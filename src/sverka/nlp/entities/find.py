"""Mentions NER does not give: gazetteer names it missed and country adjectives or people nouns."""

from __future__ import annotations

from sverka.doc import Analysis, Mention, Token
from sverka.nlp.entities.gazetteer import Gazetteer, Record

LONG_ALIAS_WORDS = 4


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
    if len([t for t in tokens if t.text.isalpha()]) >= LONG_ALIAS_WORDS:
        return True  # "договора о коллективной безопасности": long enough to be the name in any case
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
