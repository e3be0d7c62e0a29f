"""Linking across sources: duplicates and forwards, stories, entities across posts, claim matching, track record.

Everything here works on plain lists of `Document`/`Analysis` and is incremental: an index or a
clusterer keeps its state, and new posts are added without recomputing the corpus.

    from sverka.link import Linker
    linker = Linker()
    result = linker.add(analyses)        # returns the new links
    linker.stories.stories                # story clusters so far
"""

from __future__ import annotations

from sverka.link.claimmatch import Claim, ClaimLink, ClaimMatcher, match_claims
from sverka.link.dedup import DedupIndex, DupPair
from sverka.link.entities_xdoc import EntityRegistry, Operation
from sverka.link.linker import Linker
from sverka.link.stories import Story, StoryClusterer
from sverka.link.text import LinkDoc, link_doc
from sverka.link.trackrecord import track_record

__all__ = [
    "Claim",
    "ClaimLink",
    "ClaimMatcher",
    "DedupIndex",
    "DupPair",
    "EntityRegistry",
    "LinkDoc",
    "Linker",
    "Operation",
    "Story",
    "StoryClusterer",
    "link_doc",
    "match_claims",
    "track_record",
]
