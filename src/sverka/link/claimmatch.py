"""Claim matching across channels: which claims corroborate each other, which contradict.

A claim is `analysis.claims[i]` when the claims stage ran, else a sentence of the post (the
fallback keeps linking useful before claims exist). Two claims about the same thing (similar lemmas,
shared entities) are `corroborate` unless they conflict: different figures for the same quantity
("магнитудой 6,4" / "магнитудой 6,1", "в 11:00 мск" / "в 10:00 мск", "трех погибших" / "четырех погибших"),
opposite polarity ("ПВО отражает атаку" / "угроза атаки не подтвердилась") or resolved dates that differ
→ `contradict`. Independence: a forward, a copy or a post of the same channel agrees with its source by
construction, so such a pair is `corroborate` with `independent=False` and does not count as
corroboration in the track record.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sverka.config import DATA_DIR
from sverka.link.text import FUNCTION_POS, TOKEN, LinkDoc, content_lemmas, sentences
from sverka.nlp.morph import lemma_pos

RELATED = 0.3  # cosine from which two claims are about the same thing (dev-tuned, benchmarks/claims_link.py)
CONFLICT_RELATED = 0.2  # figures or polarity conflict only between claims at least this similar
CONFLICT_WINDOW = timedelta(minutes=90)  # figures published further apart may both be right (a rate, a toll)
NUMBER_WORDS = {
    "один": "1", "два": "2", "три": "3", "четыре": "4", "пять": "5", "шесть": "6", "семь": "7",
    "восемь": "8", "девять": "9", "десять": "10", "оба": "2", "двое": "2", "трое": "3", "четверо": "4",
}  # fmt: skip
MONTHS = {
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
}  # fmt: skip
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")  # "11:00" is one figure, not 11 and 00
_NUMBER = re.compile(r"^\d+(?:[.,:]\d+)?$")


@dataclass
class Claim:
    """One claim as the matcher sees it."""

    doc_id: str
    index: int  # position among the post's claims (or sentences)
    text: str
    source: str | None = None
    published: datetime | None = None
    lemmas: list[str] = field(default_factory=list)
    figures: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # see figures()
    negated: bool = False
    entities: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()  # resolved day values of its time expressions
    vector: dict[str, float] | None = field(default=None, repr=False)  # TF-IDF, set once by the matcher

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.index}"


@dataclass
class ClaimLink:
    a: str  # claim key "doc id#index", the earlier claim
    b: str
    relation: str  # corroborate | contradict
    independent: bool
    score: float
    reason: str = ""


def make_claim(doc_id: str, index: int, text: str, lemmas: list[str] | None = None, **kwargs) -> Claim:
    lemmas = content_lemmas(text) if lemmas is None else lemmas
    counted = any(ch.isdigit() for ch in text) or any(w in NUMBER_WORDS for w in lemmas)
    return Claim(doc_id, index, text, lemmas=lemmas, figures=figures(text) if counted else {},
                 negated=denies(text), **kwargs)  # fmt: skip


def claims_of(doc: LinkDoc, analysis_claims: list[dict] | None = None, dates: Iterable[str] = ()) -> list[Claim]:
    """The post's claims from the claims stage, else its sentences."""
    found = analysis_claims if analysis_claims is not None else doc.claims
    # One set of entities and dates per post, shared by its claims (memory at scale).
    common: dict[str, Any] = dict(source=doc.source, published=doc.published, entities=frozenset(doc.entities),
                                  dates=frozenset(dates))  # fmt: skip
    if found:
        return [make_claim(doc.id, i, str(c.get("text", "")), **common) for i, c in enumerate(found)]
    sents = doc.sentences or [(text, content_lemmas(text)) for text in sentences(doc.text)]
    return [make_claim(doc.id, i, text, lemmas, **common) for i, (text, lemmas) in enumerate(sents) if len(lemmas) >= 3]


def denies(text: str) -> bool:
    low = text.lower()
    return any(marker in low for marker in denial_markers())


@cache
def denial_markers() -> tuple[str, ...]:
    lines = (DATA_DIR / "link" / "denial.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def figures(text: str) -> dict[tuple[str, str], set[str]]:
    """Numbers keyed by what they measure: (noun just before, noun right after) → values.

    "Евро выше 113 рублей" → {("евро", "рубль"): {"113"}}; "магнитудой 6,4 произошло" →
    {("магнитуда", ""): {"6.4"}}; "о трех погибших" → {(…, "погибший"): {"3"}}. Day-month dates
    ("25 ноября") are left out: two posts about strikes on two days do not conflict.
    """
    words: list[tuple[str, str]] = []  # (value or lemma, kind): num | noun | word
    for tok in TOKEN.findall(_CLOCK.sub(r"\1.\2", text)):
        if _NUMBER.match(tok):
            words.append((tok.replace(",", "."), "num"))
            continue
        if not any(ch.isalpha() for ch in tok):
            continue
        lemma, pos = lemma_pos(tok)
        lemma = lemma.lower()
        if lemma in NUMBER_WORDS:
            words.append((NUMBER_WORDS[lemma], "num"))
        elif pos in ("NOUN", "ADJF", "PRTF"):
            words.append((lemma, "noun"))
        elif pos not in FUNCTION_POS:
            words.append((lemma, "word"))
    out: dict[tuple[str, str], set[str]] = {}
    for i, (value, kind) in enumerate(words):
        if kind != "num":
            continue
        after = words[i + 1] if i + 1 < len(words) else ("", "")
        before = next((w for w, k in reversed(words[max(0, i - 3) : i]) if k == "noun"), "")
        if after[0] in MONTHS or before in MONTHS:
            continue
        key = (before, after[0] if after[1] == "noun" else "")
        if any(key):
            out.setdefault(key, set()).add(value)
    return out


def figure_conflict(a: Claim, b: Claim) -> str:
    """Figures for the same measured thing that share no value."""
    for (before, after), values in a.figures.items():
        for (other_before, other_after), other in b.figures.items():
            same_after = after == other_after
            same_before = before == other_before or (not (before and other_before) and bool(after))
            if same_after and same_before and not (values & other):
                return _conflict(before, after, values, other)
    return ""


def _conflict(before: str, after: str, values: set[str], other: set[str]) -> str:
    what = " ".join(w for w in (before, after) if w)
    return f"{what}: {'/'.join(sorted(values))} vs {'/'.join(sorted(other))}"


class ClaimMatcher:
    """Scores claim pairs with TF-IDF over lemmas; document frequencies grow as claims are added."""

    def __init__(self, related: float = RELATED) -> None:
        self.related = related
        self.df: Counter[str] = Counter()
        self.n = 0

    def observe(self, claims: Iterable[Claim]) -> None:
        for c in claims:
            self.n += 1
            self.df.update(set(c.lemmas))

    def vector(self, claim: Claim) -> dict[str, float]:
        counts = Counter(claim.lemmas)
        vec = {t: (1 + math.log(n)) * (math.log((self.n + 1) / (self.df[t] + 1)) + 1) for t, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {t: w / norm for t, w in vec.items()}

    def similarity(self, a: Claim, b: Claim) -> float:
        for c in (a, b):
            if c.vector is None:
                c.vector = self.vector(c)
        va, vb = a.vector or {}, b.vector or {}
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(t, 0.0) for t, w in va.items())

    def relation(self, a: Claim, b: Claim) -> tuple[str, float, str]:
        """("corroborate" | "contradict" | "unrelated", similarity, reason)."""
        sim = self.similarity(a, b)
        close = a.published is None or b.published is None or abs(a.published - b.published) <= CONFLICT_WINDOW
        conflict = figure_conflict(a, b) if sim >= CONFLICT_RELATED else ""
        if conflict and not close:  # other figures hours later: a new measurement, not the same claim
            return "unrelated", sim, f"later figures ({conflict})"
        if sim >= CONFLICT_RELATED and close:
            if conflict:
                return "contradict", sim, conflict
            if a.dates and b.dates and not (a.dates & b.dates):
                return "contradict", sim, "dates differ"
            if a.negated != b.negated:
                return "contradict", sim, "polarity"
        if sim >= self.related:
            return "corroborate", sim, ""
        return "unrelated", sim, ""


def match_claims(
    claims: list[Claim],
    independent: Callable[[str, str], bool],
    same_story: Callable[[str, str], bool] | None = None,
    matcher: ClaimMatcher | None = None,
) -> list[ClaimLink]:
    """Links between claims of different posts (of one story, when `same_story` is given)."""
    matcher = matcher or ClaimMatcher()
    matcher.observe(claims)
    ordered = sorted(claims, key=lambda c: (c.published.timestamp() if c.published else 0.0, c.key))
    links = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.doc_id == b.doc_id or (same_story and not same_story(a.doc_id, b.doc_id)):
                continue
            relation, sim, reason = matcher.relation(a, b)
            if relation != "unrelated":
                links.append(ClaimLink(a.key, b.key, relation, independent(a.doc_id, b.doc_id), round(sim, 3), reason))
    return links
