"""The incremental linker: duplicates, stories, entities across posts and claim links in one state.

    linker = Linker()
    batch = linker.add(analyses)          # Documents or Analyses; already-seen ids are skipped
    batch.duplicates, batch.stories, batch.claim_links
    linker.story_summary(story_id)

The state pickles (`dumps()` / `Linker.loads()`), so `sverka link` adds new posts to what it linked
before instead of recomputing the corpus.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sverka.doc import Analysis, Document
from sverka.link.claimmatch import Claim, ClaimLink, ClaimMatcher, claims_of
from sverka.link.dedup import DedupIndex, DupPair
from sverka.link.entities_xdoc import EntityRegistry
from sverka.link.stories import StoryClusterer
from sverka.link.text import link_doc

RECENT_CLAIMS = 40  # a new claim is compared with this many of its story's latest claims


@dataclass
class DocInfo:
    source: str | None
    published: datetime | None
    title: str
    entities: list[str] = field(default_factory=list)  # entity ids as the document's analysis gave them
    sentiment: list[dict[str, Any]] = field(default_factory=list)
    claim_meta: list[dict[str, Any]] = field(default_factory=list)  # the claims stage's dicts, when present


@dataclass
class LinkBatch:
    documents: list[str] = field(default_factory=list)
    duplicates: list[DupPair] = field(default_factory=list)
    stories: dict[str, int | None] = field(default_factory=dict)
    claim_links: list[ClaimLink] = field(default_factory=list)


class Linker:
    def __init__(self, dense: bool = True) -> None:
        self.dedup = DedupIndex()
        self.stories = StoryClusterer(dense=dense)
        self.matcher = ClaimMatcher()
        self.registry = EntityRegistry()
        self.docs: dict[str, DocInfo] = {}
        self.doc_claims: dict[str, list[Claim]] = {}
        self.story_claims: dict[int, list[Claim]] = {}
        self.claim_links: list[ClaimLink] = []
        self.dup_groups: set[str] = set()  # roots of duplicate groups with two or more posts

    def add(self, items: list[Document | Analysis]) -> LinkBatch:
        batch = LinkBatch()
        fresh = [it for it in items if it.id not in self.docs]
        link_docs = []
        for item in fresh:
            ld = link_doc(item)
            for e in getattr(item, "entities", []):
                self.registry.add(e.id, e.name, e.type)
            ld.entities = {self.registry.canonical(e) for e in ld.entities}
            self.docs[item.id] = DocInfo(
                source=ld.source,
                published=ld.published,
                title=ld.text.split("\n", 1)[0][:200],
                entities=sorted({e.id for e in getattr(item, "entities", [])}),
                sentiment=list(getattr(item, "sentiment", []) or []),
                claim_meta=list(getattr(item, "claims", []) or []),
            )
            link_docs.append(ld)
        batch.documents = [d.id for d in link_docs]
        batch.duplicates = self.dedup.add_all(link_docs)
        for pair in batch.duplicates:
            self.dup_groups.add(self.dedup.group(pair.a))
        self.dup_groups = {self.dedup.group(root) for root in self.dup_groups}
        batch.stories = self.stories.add_all(link_docs)
        self._follow_merges()
        claims = {d.id: claims_of(d) for d in link_docs}
        self.matcher.observe(c for cs in claims.values() for c in cs)
        for doc in sorted(link_docs, key=lambda d: d.published.timestamp() if d.published else 0.0):
            self.doc_claims[doc.id] = claims[doc.id]
            story = batch.stories.get(doc.id)
            if story is None:
                continue
            earlier = self.story_claims.setdefault(story, [])
            for claim in claims[doc.id]:
                for other in earlier[-RECENT_CLAIMS:]:
                    if other.doc_id == doc.id:
                        continue
                    relation, sim, reason = self.matcher.relation(other, claim)
                    if relation != "unrelated":
                        link = ClaimLink(other.key, claim.key, relation, self.independent(other.doc_id, doc.id),
                                         round(sim, 3), reason)  # fmt: skip
                        batch.claim_links.append(link)
            earlier.extend(claims[doc.id])
        self.claim_links.extend(batch.claim_links)
        self._forget_closed()
        return batch

    def _follow_merges(self) -> None:
        """Claims of a story merged into another are compared with the merged story's new claims."""
        for gone in [s for s in self.story_claims if s in self.stories.merged]:
            self.story_claims.setdefault(self.story_id(gone), []).extend(self.story_claims.pop(gone))

    def story_id(self, story_id: int) -> int:
        """The story a (possibly merged-away) story id ended up in."""
        while story_id in self.stories.merged:
            story_id = self.stories.merged[story_id]
        return story_id

    def _forget_closed(self) -> None:
        """Claims of closed stories are compared no more: drop their lemmas and vectors (memory at scale)."""
        for story_id in [s for s in self.story_claims if s not in self.stories._open]:
            for claim in self.story_claims.pop(story_id):
                claim.lemmas, claim.vector = [], None

    def independent(self, a: str, b: str) -> bool:
        """Two posts agree independently: other channels, and neither copies nor forwards the other."""
        if self.docs[a].source == self.docs[b].source:
            return False
        return self.dedup.group(a) != self.dedup.group(b)

    def story_summary(self, story_id: int, top_entities: int = 8) -> dict[str, Any]:
        story = self.stories.stories[story_id]
        docs = sorted(story.docs, key=lambda d: (self.docs[d].published or datetime.min, d))
        entities: Counter[str] = Counter()
        for d in docs:
            entities.update({self.registry.canonical(e) for e in self.docs[d].entities})
        copies = [
            {"a": p.a, "b": p.b, "kind": p.kind} for p in self.dedup.pairs if p.a in story.docs and p.b in story.docs
        ]
        return {
            "id": story.id,
            "title": story.title,
            "start": _iso(story.start),
            "end": _iso(story.end),
            "size": story.size,
            "channels": dict(story.sources.most_common()),
            "entities": [self.registry.names.get(e, e) for e, _ in entities.most_common(top_entities)],
            "documents": docs,
            "first": docs[0] if docs else None,
            "copies": copies,
        }

    def claim(self, key: str) -> Claim | None:
        doc_id, _, index = key.rpartition("#")
        return next((c for c in self.doc_claims.get(doc_id, []) if str(c.index) == index), None)

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def loads(cls, data: bytes) -> Linker:
        linker = pickle.loads(data)  # the state sverka itself wrote to its own database
        if not isinstance(linker, cls):
            raise TypeError("the stored link state is not a Linker")
        return linker


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None
