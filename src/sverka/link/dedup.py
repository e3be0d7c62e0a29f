"""Near-duplicates, forwards and uncredited copies: MinHash LSH over lemma shingles, incremental.

Two LSH indexes find candidates: one over the whole post and one over its lead (the first
`LEAD_LEMMAS` content lemmas), because a short post copied into a longer one shares little of the
longer one's shingles but most of its lead. Each candidate is then checked on the exact shingle sets:
the score is the overlap coefficient |A∩B| / min(|A|, |B|), damped when one post is much longer than the
other (a one-line headline inside a long article is not a copy of it). Thresholds were set on
`benchmarks/data/link/duplicates.jsonl` (dev) with `benchmarks/dedup.py`.

Kinds: `forward` when the later post carries a forward header (`meta.forwarded_from`); `copy` when
another channel published nearly the same text without naming the earlier channel; `near_duplicate`
otherwise (a credited rewrite, a repost in the same channel).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from zlib import crc32

from datasketch import MinHash, MinHashLSH

from sverka.link.text import LinkDoc

NUM_PERM = 64
SHINGLE = 2  # word n-grams of lemmas: 2 keeps light rewrites ("вырос" → "поднялся") comparable
LEAD_LEMMAS = 12
# LSH bands × rows. Few rows = a low similarity already makes a candidate (recall matters: candidates are
# verified exactly); few bands = little memory per post. (16, 2) makes a candidate of a pair with shingle
# Jaccard 0.3 with probability 0.78, of 0.5 with 0.99.
FULL_BANDS = (16, 2)
LEAD_BANDS = (12, 3)
DUP_THRESHOLD = 0.55  # verified score from which two posts are duplicates (dev-tuned)
COPY_THRESHOLD = 0.8  # a near-verbatim text from another channel that does not credit it is a copy
NUMBER_MISMATCH = 0.85  # score factor when both posts have figures and neither's figures contain the other's
MIN_SHINGLES = 3  # posts shorter than this ("Крипта падает") are too short to call duplicates
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class DupPair:
    a: str  # the earlier post
    b: str  # the later post
    kind: str  # forward | copy | near_duplicate
    score: float


@dataclass
class _Entry:
    id: str
    source: str | None
    published: datetime | None
    shingles: array  # sorted shingle hashes: a set per post would cost ten times the memory at 100k posts
    numbers: frozenset[str]
    text: str
    forwarded_from: str | None


class DedupIndex:
    """Posts added one by one (or in batches); each addition returns its duplicate pairs."""

    def __init__(self, threshold: float = DUP_THRESHOLD, copy_threshold: float = COPY_THRESHOLD) -> None:
        self.threshold = threshold
        self.copy_threshold = copy_threshold
        self.full = MinHashLSH(num_perm=NUM_PERM, params=FULL_BANDS)
        self.lead = MinHashLSH(num_perm=NUM_PERM, params=LEAD_BANDS)
        self.entries: dict[str, _Entry] = {}
        self.parent: dict[str, str] = {}  # union-find over duplicate groups
        self.pairs: list[DupPair] = []

    def __len__(self) -> int:
        return len(self.entries)

    def add_all(self, docs: Iterable[LinkDoc]) -> list[DupPair]:
        found: list[DupPair] = []
        for doc in sorted(docs, key=_time_key):
            found.extend(self.add(doc))
        return found

    def add(self, doc: LinkDoc) -> list[DupPair]:
        if doc.id in self.entries:
            return []
        shingles = frozenset(shingle_hashes(doc.lemmas))
        lead = frozenset(shingle_hashes(doc.lemmas[:LEAD_LEMMAS]))
        numbers = frozenset(w for w in doc.lemmas if w[:1].isdigit())
        stored = array("I", sorted(shingles))
        entry = _Entry(doc.id, doc.source, doc.published, stored, numbers, doc.text[:500], doc.forwarded_from)
        found = []
        if len(shingles) >= MIN_SHINGLES:
            full_hash, lead_hash = minhash(shingles), minhash(lead)
            candidates = set(self.full.query(full_hash)) | set(self.lead.query(lead_hash))
            for other_id in candidates:
                other = self.entries[other_id]
                score = similarity(shingles, frozenset(other.shingles)) * number_agreement(numbers, other.numbers)
                if score >= self.threshold:
                    found.append(self._pair(other, entry, score))
            self.full.insert(doc.id, full_hash)
            self.lead.insert(doc.id, lead_hash)
        self.entries[doc.id] = entry
        self.parent[doc.id] = doc.id
        for pair in found:
            self._union(pair.a, pair.b)
        self.pairs.extend(found)
        return found

    def _pair(self, x: _Entry, y: _Entry, score: float) -> DupPair:
        first, second = sorted((x, y), key=lambda e: (_time_key(e), e.id))
        return DupPair(first.id, second.id, dup_kind(first, second, score, self.copy_threshold), round(score, 3))

    def group(self, doc_id: str) -> str:
        root = doc_id
        while self.parent[root] != root:
            root = self.parent[root]
        self.parent[doc_id] = root
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.group(a), self.group(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        """Duplicate groups of two or more posts, each in time order."""
        out: dict[str, list[str]] = {}
        for doc_id in self.entries:
            out.setdefault(self.group(doc_id), []).append(doc_id)
        return {k: sorted(v, key=lambda d: _time_key(self.entries[d])) for k, v in out.items() if len(v) > 1}

    def first_seen(self, doc_id: str) -> str:
        """The earliest post of the duplicate group `doc_id` is in (itself when it has no duplicates)."""
        root = self.group(doc_id)
        members = [d for d in self.entries if self.group(d) == root]
        return min(members, key=lambda d: (_time_key(self.entries[d]), d))


def dup_kind(first: _Entry, second: _Entry, score: float, copy_threshold: float) -> str:
    if second.forwarded_from:
        return "forward"
    other_channel = bool(first.source and second.source and first.source != second.source)
    if other_channel and score >= copy_threshold and not credits(second.text, first.source or ""):
        return "copy"
    return "near_duplicate"


def credits(text: str, source: str) -> bool:
    """Does the text name the source channel ("— Mash", "пишет РИА Новости")?"""
    name = source.split("|")[0].strip().lower()
    return bool(name) and name in text.lower()


def shingle_hashes(lemmas: list[str], k: int = SHINGLE) -> list[int]:
    if len(lemmas) < k:
        return [crc32(" ".join(lemmas).encode())] if lemmas else []
    return [crc32(" ".join(lemmas[i : i + k]).encode()) for i in range(len(lemmas) - k + 1)]


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM)  # its permutations are computed once; each new MinHash would redo it


def minhash(shingles: frozenset[int]) -> MinHash:
    base = _template()
    m = MinHash(num_perm=NUM_PERM, permutations=base.permutations, scheme=base.scheme)
    m.update_batch([s.to_bytes(4, "little") for s in shingles])
    return m


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Overlap coefficient, damped by the length ratio so a headline is not a copy of a long article."""
    if not a or not b:
        return 0.0
    small, large = sorted((len(a), len(b)))
    overlap = len(a & b) / small
    return overlap * min(1.0, (small / large) ** 0.5 * 1.6)


def number_agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """The same template with other figures ("выше 105 рублей" / "выше 106 рублей") is a new report."""
    if a and b and not (a <= b or b <= a):
        return NUMBER_MISMATCH
    return 1.0


def _time_key(item: LinkDoc | _Entry) -> float:
    return (item.published or _EPOCH).timestamp()
