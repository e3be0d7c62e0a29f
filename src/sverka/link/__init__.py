"""Linking across sources: duplicates and forwards, stories, entities across posts, claim matching, track record.

Everything here works on plain lists of `Document`/`Analysis` and is incremental: an index or a
clusterer keeps its state, and new posts are added without recomputing the corpus.

    from sverka.link import Linker
    linker = Linker()
    result = linker.add(analyses)        # returns the new links
    linker.stories.stories                # story clusters so far
"""

from __future__ import annotations

from .dedup import DedupIndex, DupPair
from .text import LinkDoc, link_doc

__all__ = [
    "DedupIndex",
    "DupPair",
    "LinkDoc",
    "link_doc",
]
