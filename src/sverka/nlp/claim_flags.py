"""Per-claim judgements: content type, hedged / negated / conditional, insider, check-worthiness."""

from __future__ import annotations

import re

from .claim_frames import Frame
from .claim_lexicon import find_phrases, lexicon
from .claim_units import Unit

INSIDER_SOURCES = {
    "источник", "собеседник", "осведомлённый", "осведомленный", "инсайдер", "близкий", "окружение", "офицер",
}
CONSEQUENTIAL = (
    "убит", "погиб", "ранен", "удар", "атак", "санкц", "арест", "задерж", "закон", "указ", "выбор", "войн", "войск",
    "переговор", "соглашени", "ракет", "беспилотник", "дрон", "казн", "приговор", "отставк", "назнач", "протест",
    "взрыв", "обстрел", "уголовн", "млн", "млрд", "тариф", "пошлин", "газ", "нефть", "ультиматум",
)
HIGH, MEDIUM = 0.6, 0.35


def content_type(unit: Unit) -> str:
    """event | prediction | opinion for a clause without a speaker frame."""
    low = unit.text.lower()
    lex = lexicon()
    if find_phrases(low, lex.opinion) and not _has_number(unit.text):
        return "opinion"
    if _future_main(unit):
        return "prediction"
    return "event"


def _future_main(unit: Unit) -> bool:
    """The main predicate (root, its conjuncts and auxiliaries) speaks of the future or a plan."""
    from .models import morph_analyzer

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


def checkworthiness(unit: Unit, ctype: str, n_entities: int, n_times: int, hedge: bool) -> tuple[float, list[str]]:
    """A 0..1 score with its reasons: factual, specific (numbers, dates, names), consequential."""
    score, reasons = 0.3, []
    if _has_number(unit.text) or any(t.pos in ("NUMR",) for t in unit.tokens):
        score += 0.15
        reasons.append("number")
    if n_times:
        score += 0.1
        reasons.append("date or time")
    if n_entities:
        score += 0.1 + (0.05 if n_entities > 1 else 0)
        reasons.append(f"{n_entities} named entit{'y' if n_entities == 1 else 'ies'}")
    if find_phrases(unit.text, CONSEQUENTIAL, stems=True):
        score += 0.1
        reasons.append("consequential topic")
    if ctype in ("event", "statement"):
        score += 0.1
        reasons.append(f"factual ({ctype})")
    if ctype == "opinion":
        score -= 0.25
        reasons.append("opinion: not checkable as fact")
    if ctype == "prediction":
        score -= 0.05
        reasons.append("prediction: checkable only later")
    if hedge:
        score -= 0.05
        reasons.append("hedged")
    if len(unit.tokens) < 6:
        score -= 0.1
        reasons.append("short")
    return round(min(1.0, max(0.0, score)), 2), reasons
