"""Near-duplicate detection on the labelled dev pairs: precision / recall / F1, docs/s, peak RSS.

    python benchmarks/dedup.py [--threshold 0.55]

Gold: `benchmarks/data/link/duplicates.jsonl` (dev; every duplicate pair of the 462 sample posts is
listed, so all 106,491 pairs are scored). Baseline measured in the same run: exact match of the cleaned
text. A threshold sweep shows the trade-off the shipped threshold sits on.
"""

from __future__ import annotations

import argparse
import resource
import time
from itertools import combinations

from rich.console import Console
from rich.table import Table

from sverka.link.dedup import DUP_THRESHOLD, DedupIndex
from sverka.link.devset import load_devset
from sverka.link.text import link_doc


def prf(pred: set[frozenset[str]], gold: set[frozenset[str]]) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DUP_THRESHOLD)
    args = parser.parse_args()
    dev = load_devset()
    gold = {frozenset((a, b)) for a, b, dup in dev.dup_pairs if dup}
    start = time.perf_counter()
    docs = [link_doc(d) for d in dev.docs]
    prep = time.perf_counter() - start

    table = Table(title=f"Near-duplicate pairs, dev ({len(dev.docs)} posts, {len(gold)} gold pairs)")
    for col in ("method", "threshold", "P", "R", "F1", "pred pairs", "docs/s"):
        table.add_column(col, justify="right" if col not in ("method",) else "left")
    exact: dict[str, list[str]] = {}
    for d in docs:
        exact.setdefault(d.text.lower(), []).append(d.id)
    base = {frozenset(p) for ids in exact.values() for p in combinations(ids, 2)}
    table.add_row("baseline: same cleaned text", "—", *_fmt(prf(base, gold)), str(len(base)), "")
    kinds: dict[str, int] = {}
    for threshold in sorted({0.4, 0.5, args.threshold, 0.65, 0.75}):
        t0 = time.perf_counter()
        index = DedupIndex(threshold=threshold)
        pairs = index.add_all(docs)
        secs = time.perf_counter() - t0 + prep
        pred = {frozenset((p.a, p.b)) for p in pairs}
        name = "MinHash LSH + verify" + (" (shipped)" if threshold == args.threshold else "")
        table.add_row(name, f"{threshold:.2f}", *_fmt(prf(pred, gold)), str(len(pred)), f"{len(docs) / secs:.0f}")
        if threshold == args.threshold:
            for p in pairs:
                kinds[p.kind] = kinds.get(p.kind, 0) + 1
    console = Console()
    console.print(table)
    console.print(f"kinds at the shipped threshold: {kinds}")
    console.print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _fmt(scores: tuple[float, float, float]) -> list[str]:
    return [f"{s:.3f}" for s in scores]


if __name__ == "__main__":
    main()
