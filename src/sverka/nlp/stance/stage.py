"""Stance: the sentiment of a text toward each entity, with the sentences that show it.

`score_pairs` scores (sentence, mention span, type) items with the shipped model: a linear
model and BiLSTM nets, averaged (nlp/stance_model.py, nlp/stance_net.py). `score_stance_doc`
is the pipeline stage: it scores every mention in its sentence, sets aside sentences where the
syntax attributes the statement to another entity ("X заявил, что Y ..."), and aggregates the
rest per entity into one author label.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from sverka.doc import Analysis, Entity, Sent
from sverka.nlp.stance.features import Pair, parse_texts, token_span
from sverka.nlp.stance.holder import find_holder, is_speaker
from sverka.nlp.stance.model import stance_model

NAMES = ("negative", "neutral", "positive")
MAX_EVIDENCE = 3
# A document is polar toward an entity when at least this share of its sentences is.
POLAR_SHARE = 0.25

Item = tuple[str, int, int, str]  # sentence text, mention start, end, entity type


def score_pairs(items: list[Item]) -> list[tuple[str, float]]:
    """Label and probability for each (sentence text, start, end, entity type) item."""
    texts = list(dict.fromkeys(text for text, *_ in items))
    parsed = dict(zip(texts, parse_texts(texts), strict=True))
    pairs = [Pair(parsed[text], *token_span(parsed[text], start, end), etype) for text, start, end, etype in items]
    return [(NAMES[i], float(p[i])) for p, i in ((p, int(p.argmax())) for p in stance_model().proba(pairs))]


@dataclass
class SentScore:
    sent: Sent
    proba: np.ndarray  # negative, neutral, positive
    holder: str | None  # entity id when the sentence attributes the statement to someone
    speaker: bool = False  # the entity itself speaks or holds the attitude here ("как настаивает X")
    weight: float = 1.0  # less when the sentence names many entities: its tone is less about this one

    @property
    def label(self) -> int:
        return int(self.proba.argmax())


@dataclass
class DocIndex:
    """Where each mention's sentence is, and the entity spans of each sentence: built once per document,
    so that scoring stays linear in its length (a long post has thousands of mentions)."""

    starts: list[int]
    spans_by_sent: dict[int, list[tuple[int, int, str]]]

    @classmethod
    def build(cls, analysis: Analysis) -> DocIndex:
        starts = [s.start for s in analysis.sents]
        by_sent: dict[int, list[tuple[int, int, str]]] = {}
        index = cls(starts, by_sent)
        for span in entity_spans(analysis):
            k = index.sent_of(analysis, span[0])
            if k is not None:
                by_sent.setdefault(k, []).append(span)
        return index

    def sent_of(self, analysis: Analysis, offset: int) -> int | None:
        k = bisect_right(self.starts, offset) - 1
        return k if k >= 0 and offset < analysis.sents[k].end else None


def score_stance_doc(analysis: Analysis) -> None:
    index = DocIndex.build(analysis)
    mentions = [entity_mentions(analysis, e, index) for e in analysis.entities]
    # One call for the whole document: the nets run many pairs at once far faster than one by one.
    probas = stance_model().proba([p for m in mentions for pairs in m.pairs.values() for p in pairs])
    analysis.sentiment, i = [], 0
    for entity, m in zip(analysis.entities, mentions, strict=True):
        n = sum(len(pairs) for pairs in m.pairs.values())
        record = entity_stance(entity, m.scores(analysis, index, probas[i:i + n]))
        i += n
        if record is not None:
            analysis.sentiment.append(record)


def entity_stance(entity: Entity, scores: list[SentScore]) -> dict[str, Any] | None:
    """The entity's document-level label from its sentence scores, with the evidence behind it."""
    if not scores:
        return None
    author = [s for s in scores if s.holder is None and not s.speaker] or [s for s in scores if s.holder is None]
    holder = None
    if not author:  # everything said about it is someone else's: report that holder's stance
        holder = Counter(s.holder for s in scores).most_common(1)[0][0]
        author = [s for s in scores if s.holder == holder]
    label = aggregate(author)
    ranked = sorted(author, key=lambda s: -s.proba[label])
    chosen = [s for s in ranked if s.label == label] or ranked  # else the closest calls, a weak label
    score = float(np.mean([s.proba[label] for s in chosen]))
    return {
        "entity": entity.id,
        "label": NAMES[label],
        "score": round(score, 3),
        "evidence": [{"start": s.sent.start, "end": s.sent.end} for s in chosen[:MAX_EVIDENCE]],
        "holder": holder,
    }


def aggregate(scores: list[SentScore]) -> int:
    """Polar when enough (weighted) sentences are polar; the direction is the one with more probability
    mass in those sentences."""
    total = sum(s.weight for s in scores)
    if sum(s.weight for s in scores if s.label != 1) < POLAR_SHARE * total:
        return 1
    # The direction comes from the polar sentences alone: many neutral sentences' faint leanings must not
    # outvote them (a label no sentence of the document shows).
    polar = [s for s in scores if s.label != 1]
    neg = sum(s.weight * s.proba[0] for s in polar)
    pos = sum(s.weight * s.proba[2] for s in polar)
    if abs(neg - pos) < 1e-9:
        return 1
    return 0 if neg > pos else 2


@dataclass
class EntityMentions:
    """An entity's mentions as pairs to score, grouped by sentence, with each sentence's holder."""

    pairs: dict[int, list[Pair]]  # sentence index → one pair per mention there
    holders: dict[int, str | None]  # entity id when the sentence attributes the statement to someone
    speaks: dict[int, bool]  # the entity itself speaks there

    def scores(self, analysis: Analysis, index: DocIndex, probas: np.ndarray) -> list[SentScore]:
        """One score per sentence: the mean of its mentions' probabilities (rows in `pairs` order)."""
        out, i = [], 0
        for k, pairs in self.pairs.items():
            n = len(pairs)
            named = len({eid for _, _, eid in index.spans_by_sent.get(k, [])})
            weight = 1 / np.sqrt(max(named, 1))
            out.append(SentScore(analysis.sents[k], probas[i:i + n].mean(axis=0), self.holders[k], self.speaks[k],
                                 weight))
            i += n
        return out


def entity_mentions(analysis: Analysis, entity: Entity, index: DocIndex) -> EntityMentions:
    found = EntityMentions({}, {}, {})
    for m in entity.mentions:
        k = index.sent_of(analysis, m.start)
        if k is None or not analysis.sents[k].tokens:
            continue
        sent = analysis.sents[k]
        spans = index.spans_by_sent.get(k, [])
        first, last = token_span(sent.tokens, m.start, m.end)
        found.pairs.setdefault(k, []).append(Pair(sent.tokens, first, last, entity.type))
        found.holders.setdefault(k, find_holder(sent.tokens, (first, last), spans, entity.id))
        found.speaks[k] = found.speaks.get(k, False) or is_speaker(sent.tokens, (first, last))
    return found


def entity_spans(analysis: Analysis) -> list[tuple[int, int, str]]:
    """Every mention's character span with its entity id (to name holders)."""
    return [(m.start, m.end, e.id) for e in analysis.entities for m in e.mentions]
