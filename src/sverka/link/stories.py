"""Stories: posts about the same real-world event, clustered incrementally across channels.

Each post is a TF-IDF vector over its content lemmas (document frequencies are counted as posts
arrive, so nothing is refitted) and, when the navec vectors are available, an IDF-weighted mean of
its lemmas' navec embeddings, which catches paraphrase ("доллар поднялся" / "рубль упал"). A post joins
the open story it is most similar to, or opens a new one. The score combines the cosine to the story's
centroid, the best cosine to one of its recent posts (follow-ups resemble one post more than the
average), the navec cosine, the canonical entities the post shares with the story, and time: the score
decays with the hours since the story's last post, and a story closes `window` after it.

Chaining guard: a post must also be similar to the story's *seed* (its first post), not only to
the centroid, so a story cannot drift from one event to the next through a chain of posts that are
each similar to the last. The guard's limit (`seed_min`) is measured on the dev set: it is the value
below which pair F1 stops improving and above which the largest dev cluster stops growing (see
`benchmarks/stories.py`, which prints the largest cluster with and without the guard).
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sverka.config import DATA_DIR
from sverka.link.text import LinkDoc

THRESHOLD = 0.36  # score from which a post joins a story (dev-tuned, benchmarks/stories.py)
SEED_MIN = 0.12  # cosine to the story's first post below which a post never joins (the chaining guard)
ENTITY_WEIGHT = 0.1  # bonus for the share of the post's entities the story already has
MEMBER_WEIGHT = 0.7  # how much of (best member cosine − centroid cosine) is added
DENSE_WEIGHT = 0.3  # weight of the navec cosine, centred on DENSE_MEAN (unrelated news posts sit near it)
DENSE_MEAN = 0.5
RECENT_MEMBERS = 8  # member vectors kept per story for the best-member cosine
WINDOW = timedelta(hours=36)  # a story with no post for this long is closed
# A story spans at most this long from its first post: an event and its same-day follow-ups, with a margin
# for time zones. Measured on benchmarks/link_scale.py: without it the largest story grows with the corpus
# (56, 130, 405 posts at 10k, 30k, 100k) as daily reports of a recurring topic chain into one story.
MAX_SPAN = timedelta(hours=48)
MERGE_THRESHOLD = 0.5  # centroid cosine at which two open stories become one (dev: same result for 0.3–0.55)
TIME_DECAY = timedelta(hours=12)  # the score loses TIME_PENALTY for every this much since the story's last post
TIME_PENALTY = 0.05
CLOSE_CHECK = timedelta(hours=1)  # how often open stories are checked for closing
CANDIDATE_TERMS = 12  # a post is compared with the stories indexed under its heaviest lemmas
MAX_CANDIDATES = 15  # stories sharing the most heavy lemmas with the post; the rest cannot be close
FULL_SCORED = 5  # candidate stories scored in full (best member, navec), the closest by centroid cosine


Vector = dict[str, float]
_LEADING_SYMBOLS = re.compile(r"^[^\w«\"(]+")


@dataclass
class Story:
    id: int
    docs: list[str] = field(default_factory=list)
    centroid: Vector = field(default_factory=dict)  # sum of member vectors
    norm2: float = 0.0  # squared norm of the centroid, kept up to date
    seed: Vector = field(default_factory=dict)  # the first post's vector
    recent: deque[Vector] = field(default_factory=lambda: deque(maxlen=RECENT_MEMBERS))
    dense: Any = None  # sum of member navec embeddings (numpy), when used
    entities: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    start: datetime | None = None
    end: datetime | None = None
    title: str = ""  # the lead of the post closest to the centroid
    title_vec: Vector = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.docs)


class StoryClusterer:
    """Add posts in time order; each gets a story id. Stories are never recomputed from scratch."""

    def __init__(
        self,
        threshold: float = THRESHOLD,
        seed_min: float = SEED_MIN,
        entity_weight: float = ENTITY_WEIGHT,
        window: timedelta = WINDOW,
        dense: bool = True,
        member_weight: float = MEMBER_WEIGHT,
        merge_threshold: float = MERGE_THRESHOLD,
    ) -> None:
        self.threshold = threshold
        self.seed_min = seed_min
        self.entity_weight = entity_weight
        self.window = window
        self.member_weight = member_weight
        self.merge_threshold = merge_threshold
        self.dense = dense
        self.embeddings = navec_table() if dense else None
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[int, Story] = {}
        self.doc_story: dict[str, int] = {}
        self._index: dict[str, set[int]] = {}  # lemma → open stories whose centroid has it
        self._open: set[int] = set()
        self._seen: set[str] = set()
        self._checked: datetime | None = None  # when open stories were last checked for closing
        self.merged: dict[int, int] = {}  # story id merged away → the story it went into

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["embeddings"] = None  # the navec table is reloaded, not pickled
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.embeddings = navec_table() if self.dense else None

    def observe(self, docs: list[LinkDoc]) -> None:
        """Count document frequencies of a batch before clustering it (IDF without refitting)."""
        for doc in docs:
            if doc.id not in self._seen:
                self._seen.add(doc.id)
                self.n_docs += 1
                self.df.update(set(doc.lemmas))

    def add_all(self, docs: list[LinkDoc]) -> dict[str, int | None]:
        self.observe(docs)
        for d in sorted(docs, key=_time):
            self.add(d)
        return {d.id: self.doc_story.get(d.id) for d in docs}  # after any merges

    def add(self, doc: LinkDoc) -> int | None:
        if doc.id in self.doc_story:
            return self.doc_story[doc.id]
        self.observe([doc])
        self._close_before(doc.published)
        vec = self.vector(doc)
        if not vec:
            return None
        dense = self.embed(doc)
        best, best_score = None, self.threshold
        # Full scores (best member, navec) only for the stories closest by centroid: the rest cannot win.
        central = {
            sid: centroid_cosine(vec, self.stories[sid])
            for sid in self._candidates(vec, doc)
            if not too_long(self.stories[sid], doc.published)
        }
        for sid in sorted(central, key=central.__getitem__, reverse=True)[:FULL_SCORED]:
            score = self.score(vec, doc, self.stories[sid], dense, central[sid])
            if score >= best_score:
                best, best_score = self.stories[sid], score
        story = best or self._new_story(vec)
        self._join(story, doc, vec, dense)
        return self._merge_converged(story).id

    def vector(self, doc: LinkDoc) -> Vector:
        stop = story_stoplemmas()
        counts = Counter(t for t in doc.lemmas if t not in stop)
        vec = {t: (1 + math.log(c)) * self.idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in vec.values()))
        return {t: w / norm for t, w in vec.items()} if norm else {}

    def embed(self, doc: LinkDoc) -> Any:
        if self.embeddings is None:
            return None
        import numpy as np

        stop = story_stoplemmas()
        terms = [t for t in doc.lemmas if t not in stop]
        rows = [(v, self.idf(t)) for t in terms if (v := embedding(self.embeddings, t)) is not None]
        if not rows:
            return None
        total = np.sum([v * w for v, w in rows], axis=0)
        norm = float(np.linalg.norm(total))
        return total / norm if norm else None

    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df[term] + 1)) + 1

    def score(
        self, vec: Vector, doc: LinkDoc, story: Story, dense: Any = None, central: float | None = None
    ) -> float:
        if cosine(vec, story.seed) < self.seed_min:
            return 0.0
        central = centroid_cosine(vec, story) if central is None else central
        best_member = max((cosine(vec, m) for m in story.recent), default=central)
        score = central + self.member_weight * max(0.0, best_member - central)
        if dense is not None and story.dense is not None:
            import numpy as np

            score += DENSE_WEIGHT * (float(dense @ story.dense) / float(np.linalg.norm(story.dense)) - DENSE_MEAN)
        if doc.entities:
            shared = sum(1 for e in doc.entities if story.entities[e])
            score += self.entity_weight * shared / len(doc.entities)
        if doc.published and story.end:
            score -= TIME_PENALTY * abs((doc.published - story.end) / TIME_DECAY)
        return score

    def _candidates(self, vec: Vector, doc: LinkDoc | None) -> list[int]:
        """Open stories indexed under the post's heaviest lemmas, those sharing the most of them first."""
        top = sorted(vec, key=vec.__getitem__, reverse=True)[:CANDIDATE_TERMS]
        hits: Counter[int] = Counter()
        for term in top:
            hits.update(self._index.get(term, ()))
        return [sid for sid, _ in hits.most_common(MAX_CANDIDATES) if sid in self._open]

    def _merge_converged(self, story: Story) -> Story:
        """Merge the story with an open one its centroid has come close to (two halves of one event).

        Stories are built one post at a time, so the first posts of one event can open two stories
        (a statement and its details in flash posts); once their centroids reach MERGE_THRESHOLD they
        are one story. The smaller moves into the larger; `merged` records it.
        """
        if story.size < 2 or story.norm2 <= 0:
            return story
        unit = {t: w / math.sqrt(story.norm2) for t, w in story.centroid.items()}
        best, best_sim = None, self.merge_threshold
        for sid in self._candidates(unit, None):
            other = self.stories[sid]
            if sid == story.id or not other.docs or too_long(other, story.end) or too_long(story, other.end):
                continue
            sim = centroid_cosine(unit, other)
            if sim >= best_sim:
                best, best_sim = other, sim
        if best is None:
            return story
        keep, gone = (story, best) if story.size >= best.size else (best, story)
        for doc_id in gone.docs:
            self.doc_story[doc_id] = keep.id
        keep.docs += gone.docs
        for t, w in gone.centroid.items():
            old = keep.centroid.get(t, 0.0)
            keep.centroid[t] = old + w
            keep.norm2 += (old + w) ** 2 - old * old
            self._index.setdefault(t, set()).add(keep.id)
        keep.entities.update(gone.entities)
        keep.sources.update(gone.sources)
        keep.start = min(d for d in (keep.start, gone.start) if d) if keep.start or gone.start else None
        keep.end = max(d for d in (keep.end, gone.end) if d) if keep.end or gone.end else None
        keep.recent.extend(gone.recent)
        if gone.dense is not None:
            keep.dense = gone.dense if keep.dense is None else keep.dense + gone.dense
        self.merged[gone.id] = keep.id
        self._open.discard(gone.id)
        gone.docs, gone.centroid, gone.norm2, gone.recent = [], {}, 0.0, deque(maxlen=RECENT_MEMBERS)
        return keep

    def _new_story(self, vec: Vector) -> Story:
        story = Story(id=len(self.stories) + 1, seed=dict(vec))
        self.stories[story.id] = story
        self._open.add(story.id)
        return story

    def _join(self, story: Story, doc: LinkDoc, vec: Vector, dense: Any = None) -> None:
        story.docs.append(doc.id)
        story.recent.append(vec)
        if dense is not None:
            story.dense = dense if story.dense is None else story.dense + dense
        for t, w in vec.items():
            old = story.centroid.get(t, 0.0)
            story.centroid[t] = old + w
            story.norm2 += (old + w) ** 2 - old * old
            self._index.setdefault(t, set()).add(story.id)
        story.entities.update(doc.entities)
        if doc.source:
            story.sources[doc.source] += 1
        if doc.published:
            story.start = min(story.start or doc.published, doc.published)
            story.end = max(story.end or doc.published, doc.published)
        if story.size == 1 or centroid_cosine(vec, story) > centroid_cosine(story.title_vec, story):
            story.title, story.title_vec = headline(doc.text), vec
        self.doc_story[doc.id] = story.id

    def _close_before(self, when: datetime | None) -> None:
        if when is None or (self._checked and when - self._checked < CLOSE_CHECK):
            return
        self._checked = when
        for sid in [s for s in self._open if (self.stories[s].end or when) < when - self.window]:
            self._open.discard(sid)
            story = self.stories[sid]
            for t in story.centroid:
                members = self._index.get(t)
                if members is not None:
                    members.discard(sid)
                    if not members:
                        del self._index[t]
            # A closed story takes no more posts: keep its summary, free its vectors.
            story.centroid, story.seed, story.title_vec, story.dense = {}, {}, {}, None
            story.recent.clear()

    def clusters(self, min_size: int = 1) -> list[Story]:
        return [s for s in self.stories.values() if s.size >= max(1, min_size)]


@cache
def story_stoplemmas() -> frozenset[str]:
    lines = (DATA_DIR / "link" / "story_stoplemmas.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_EMBEDDINGS: dict[str, Any] = {}  # lemma → navec vector (None when unknown); navec's lookup is slow


def embedding(table: Any, lemma: str) -> Any:
    if lemma not in _EMBEDDINGS:
        if len(_EMBEDDINGS) > 200_000:
            _EMBEDDINGS.clear()
        _EMBEDDINGS[lemma] = table.get(lemma)
    return _EMBEDDINGS[lemma]


def navec_table() -> Any:
    """The navec news embeddings (shipped inside the natasha package), or None when unavailable."""
    try:
        from sverka.nlp.models import navec

        return navec()
    except Exception:  # linking still works on TF-IDF alone
        return None


def too_long(story: Story, when: datetime | None) -> bool:
    """Would the post stretch the story beyond MAX_SPAN from its first post?"""
    return when is not None and story.start is not None and when - story.start > MAX_SPAN


def centroid_cosine(vec: Vector, story: Story) -> float:
    if story.norm2 <= 0:
        return 0.0
    dot = sum(w * story.centroid.get(t, 0.0) for t, w in vec.items())
    return dot / math.sqrt(story.norm2)


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm_b = math.sqrt(sum(w * w for w in b.values()))
    return dot / norm_b if norm_b else 0.0


def headline(text: str, limit: int = 120) -> str:
    """The first line or sentence of a post, cut at a word boundary."""
    first = _LEADING_SYMBOLS.sub("", text.strip().split("\n", 1)[0]).strip()
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—-") + "…"


def _time(doc: LinkDoc) -> float:
    return doc.published.timestamp() if doc.published else 0.0
