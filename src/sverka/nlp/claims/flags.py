"""Per-claim judgements: content type, hedged / negated / conditional, insider, check-worthiness."""

from __future__ import annotations

import re

from sverka.nlp.claims.frames import Frame
from sverka.nlp.claims.lexicon import find_phrases, lexicon
from sverka.nlp.claims.units import Unit

INSIDER_SOURCES = {
    "источник", "собеседник", "осведомлённый", "осведомленный", "инсайдер", "близкий", "окружение", "офицер",
}


def content_type(unit: Unit) -> str:
    """event | prediction | opinion for a clause without a speaker frame."""
    low = unit.text.lower()
    lex = lexicon()
    if find_phrases(low, lex.opinion) and not _has_number(unit.text):
        return "opinion"
    if _future_main(unit):
        return "prediction"
    if _deontic_main(unit) and not _has_number(unit.text):
        return "opinion"  # "должны перехватывать инициативу": a norm the author sets, not a fact
    return "event"


def _deontic_main(unit: Unit) -> bool:
    roots = [t for t in unit.tokens if t.rel == "root"]
    return any(t.lemma in ("должный", "должен", "следовать", "нужно", "надо", "необходимо") for t in roots)


def _future_main(unit: Unit) -> bool:
    """The main predicate (root, its conjuncts and auxiliaries) speaks of the future or a plan."""
    from sverka.nlp.models import morph_analyzer

    roots = [t for t in unit.tokens if t.rel == "root"]
    rels = ("conj", "aux", "aux:pass", "cop", "xcomp")
    main = roots + [c for r in roots for c in unit.children(r, rels)]
    # "(нам) стало известно, что …": the reported clause carries the tense
    main += [c for r in roots if r.lemma in ("известно", "стать") for c in unit.children(r, ("ccomp", "csubj"))]
    markers = lexicon().prediction
    for t in main:
        if any(t.text.lower().startswith(m) for m in markers):
            return True
        if t.pos == "VERB" and "futr" in morph_analyzer().parse(t.text)[0].tag:
            return True
    return False


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", text))


def hedged(text: str) -> bool:
    return bool(find_phrases(text, lexicon().hedges))


def negated(unit: Unit) -> bool:
    for t in unit.tokens:
        if t.lemma in ("не", "нет") and (head := unit.head(t)) is not None and head.rel in ("root", "ccomp"):
            return True
        if t.lemma == "нет" and t.rel == "root":
            return True
    return False


def conditional(text: str) -> bool:
    return bool(re.search(r"(?<!\w)(если|бы|в случае|при условии|пока не)(?!\w)", text, re.IGNORECASE))


def insider(unit: Unit, frame: Frame | None, sourcing: str, speaker_named: bool) -> bool:
    """Closed-door events, private words or intentions asserted without a named source."""
    if sourcing == "named":
        return False
    if frame is not None and frame.kind == "own":
        return True
    if sourcing == "anonymous" and frame is not None and frame.speaker_head is not None:
        return frame.speaker_head.lemma in INSIDER_SOURCES or _insider_source_words(unit, frame)
    if sourcing == "none" and speaker_named:
        return True  # a named actor's private words relayed with no word of how the author knows
    return bool(find_phrases(unit.text, lexicon().insider, stems=True))


def _insider_source_words(unit: Unit, frame: Frame) -> bool:
    words = unit.text[frame.start - unit.start : frame.end - unit.start].lower()
    return any(w in words for w in ("источник", "осведомл", "близк", "окружени"))
