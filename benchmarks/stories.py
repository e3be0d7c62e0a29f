"""Story clustering on the labelled dev day: pair precision / recall / F1, largest cluster, docs/s, peak RSS.

    python benchmarks/stories.py [--no-entities]

Gold: `benchmarks/data/link/stories.jsonl` (dev; 462 posts, posts of no story count as singletons).
Pair F1 is the measure of the Dialogue news-clustering shared task (its TF-IDF baseline ≈ 0.83, best
0.96). Rows: a plain TF-IDF baseline (centroid cosine only, measured in this run), the shipped
clusterer, the same fed in 4 batches (incremental IDF), without the chaining guard (seed_min = 0, to
show what the guard measures), without merging converged stories, without navec, without entities,
and a threshold sweep.
Entities come from the foundation stages (segment, morph, ner, entities), run here on the 462 posts.
"""

from __future__ import annotations

import argparse
import resource
import time

from rich.console import Console
from rich.table import Table

from sverka.api import analyze_docs
from sverka.link import stories as st
from sverka.link.devset import load_devset
from sverka.link.metrics import pair_prf
from sverka.link.text import LinkDoc, link_doc

FOUNDATION = ["lang", "segment", "morph", "ner", "entities"]


def load_docs(entities: bool) -> list[LinkDoc]:
    dev = load_devset()
    if not entities:
        return [link_doc(d) for d in dev.docs]
    return [link_doc(a) for a in analyze_docs(dev.docs, stages=FOUNDATION)]


def run(
    docs: list[LinkDoc], gold: dict, batches: int = 1, **kwargs
) -> tuple[tuple[float, float, float], int, int, float]:
    start = time.perf_counter()
    clusterer = st.StoryClusterer(**kwargs)
    assigned: dict = {}
    step = -(-len(docs) // batches)
    for i in range(0, len(docs), step):  # in time order, as `sverka link` adds new posts
        assigned.update(clusterer.add_all(docs[i : i + step]))
    secs = time.perf_counter() - start
    sizes = [s.size for s in clusterer.stories.values()]
    return pair_prf(assigned, gold), max(sizes), sum(1 for n in sizes if n > 1), len(docs) / secs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-entities", action="store_true", help="skip NER: cluster on text alone")
    args = parser.parse_args()
    dev = load_devset()
    t0 = time.perf_counter()
    docs = load_docs(not args.no_entities)
    prep = time.perf_counter() - t0
    gold = dev.stories
    gold_sizes: dict[str, int] = {}
    for story in gold.values():
        if story:
            gold_sizes[story] = gold_sizes.get(story, 0) + 1

    table = Table(title=f"Story clustering, dev ({len(docs)} posts, largest gold story {max(gold_sizes.values())})")
    for col in ("method", "P", "R", "F1", "largest", "stories ≥2", "docs/s"):
        table.add_column(col, justify="left" if col == "method" else "right")
    plain = dict(seed_min=0.0, entity_weight=0.0, dense=False, member_weight=0.0, merge_threshold=1.01)
    best = max((run(docs, gold, threshold=t / 100, **plain)[0][2], t / 100) for t in range(10, 60, 4))
    rows = [
        (f"baseline: TF-IDF centroid (best threshold {best[1]:.2f})", dict(threshold=best[1], **plain)),
        ("shipped", {}),
        ("shipped without chaining guard", dict(seed_min=0.0)),
        ("shipped without story merging", dict(merge_threshold=1.01)),
        ("shipped without navec", dict(dense=False)),
        ("shipped without entities", dict(entity_weight=0.0)),
        ("shipped, added in 4 incremental batches", dict(batches=4)),
    ]
    rows += [(f"threshold {t:.2f}", dict(threshold=t)) for t in (st.THRESHOLD - 0.04, st.THRESHOLD + 0.04)]
    for name, kwargs in rows:
        (p, r, f), largest, multi, speed = run(docs, gold, **kwargs)
        table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(largest), str(multi), f"{speed:.0f}")
    console = Console()
    console.print(table)
    console.print(
        f"shipped: threshold {st.THRESHOLD}, seed_min {st.SEED_MIN}, entity_weight {st.ENTITY_WEIGHT}, "
        f"navec weight {st.DENSE_WEIGHT}; post preparation (lemmas{'' if args.no_entities else ' + NER'}) "
        f"{len(docs) / prep:.0f} docs/s"
    )
    console.print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
