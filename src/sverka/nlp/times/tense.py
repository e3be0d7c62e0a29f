"""The tense an expression is read in: that of the nearest verb form in its sentence.

«в пятницу» after «заявил» is the last Friday, after «выступит» the next one (docs/times.md).
"""

from __future__ import annotations

from functools import cache

from sverka.nlp.morph import parses
from sverka.nlp.times.triggers import Tok
from sverka.nlp.times.words import lemmas, phrases

VERBAL = {"VERB", "PRTF", "PRTS", "GRND"}
CLAUSE_MARKS = {",", ";", ":", "—", "–", "(", ")"}
MARKER_REACH = 3  # a future marker this close decides, whatever verb is nearer


def tense(toks: list[Tok], start: int, end: int) -> str | None:
    """past | futr of the verb nearest to the expression; None for the present or no verb."""
    best: tuple[int, str | None] | None = None
    for i, tok in enumerate(toks):
        if start <= tok.start < end:
            continue
        found = verb_tense(tok.text)
        if found == "":
            continue
        found = _auxiliary(toks, i) or found  # «будет приведена», «был задержан»: the auxiliary's tense
        if found == "futr" and _was_near(toks, i):
            found = "past"  # «должен был получить», «планировалось»: a plan in the past
        edge = _index(toks, start if tok.start < start else end)
        between = toks[min(i, edge):max(i, edge)]
        # a verb behind a comma or dash is likely another clause's: count it as farther
        distance = abs(i - edge) + 10 * sum(t.text in CLAUSE_MARKS for t in between)
        if found == "futr" and distance <= MARKER_REACH and _is_marker(tok.text):
            return "futr"  # «утвердил 14 декабря датой выборов»: the plan wins over the verb
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def _auxiliary(toks: list[Tok], i: int) -> str | None:
    """The tense of a form of «быть» right before a short participle or an infinitive."""
    if parses(toks[i].text)[0].tag.POS not in ("PRTS", "INFN"):
        return None
    for tok in toks[max(0, i - 2):i]:
        if tok.lemma == "быть":
            found = verb_tense(tok.text)
            return found or None
    return None


def _is_marker(word: str) -> bool:
    return parses(word)[0].normal_form in future_markers()


def _was_near(toks: list[Tok], i: int) -> bool:
    near = toks[max(0, i - 2):i + 3]
    return any(t.text.lower() in ("был", "была", "было", "были") for t in near)


def _index(toks: list[Tok], offset: int) -> int:
    return next((i for i, t in enumerate(toks) if t.start >= offset), len(toks))


@cache
def future_markers() -> frozenset[str]:
    return frozenset(lemma for w in phrases("future_markers.txt") for lemma in lemmas(w))


@cache
def verb_tense(word: str) -> str | None:
    """"" when `word` is not a verb form; else past | futr | None (present, infinitive)."""
    if not word[0].isalpha():
        return ""
    best = parses(word)[0]  # the same cache key as the morph stage's lemma_pos
    if best.normal_form in future_markers():
        return "futr"
    if best.tag.POS not in VERBAL:
        return ""
    if best.tag.POS == "PRTF" and best.tag.tense != "past":
        return ""  # «протестующие», «находящийся»: a present participle names, it does not tell the time
    found = str(best.tag.tense) if best.tag.tense else None
    return found if found in ("past", "futr") else None
