"""Claim links on the labelled dev pairs: P/R/F1 of corroborate and contradict, pairs/s, peak RSS.

    python benchmarks/claims_link.py

Gold: `benchmarks/data/link/claim_pairs.jsonl` (dev, sentence level). A corroboration counts only
between independent posts (other channel, not a copy or forward — decided here by `DedupIndex`, not
by the gold `independent` flag); a contradiction counts whatever the channels. Baseline measured in
the same run: similarity alone (every related pair is a corroboration, no conflict detection).
"""

from __future__ import annotations

import resource
import time
from collections import Counter

from rich.console import Console
from rich.table import Table

from sverka.link.claimmatch import ClaimMatcher, claims_of, make_claim
from sverka.link.dedup import DedupIndex
from sverka.link.devset import load_devset
from sverka.link.metrics import prf
from sverka.link.text import clean_text, link_doc


def main() -> None:
    dev = load_devset()
    docs = {d.id: d for d in dev.docs}
    link_docs = {d.id: link_doc(d) for d in dev.docs}
    dedup = DedupIndex()
    dedup.add_all(link_docs.values())
    matcher = ClaimMatcher()
    matcher.observe(c for d in link_docs.values() for c in claims_of(d))

    def independent(a: str, b: str) -> bool:
        return docs[a].source != docs[b].source and dedup.group(a) != dedup.group(b)

    gold: dict[str, set[frozenset[int]]] = {"corroborate": set(), "contradict": set()}
    pred: dict[str, dict[str, set[frozenset[int]]]] = {"shipped": {}, "baseline": {}}
    for name in pred:
        pred[name] = {"corroborate": set(), "contradict": set()}
    confusion: Counter[tuple[str, str]] = Counter()
    start = time.perf_counter()
    for n, row in enumerate(dev.claim_pairs):
        key = frozenset((n, -n - 1))
        a = make_claim(row["a_id"], 0, clean_text(row["a_text"]), published=docs[row["a_id"]].published)
        b = make_claim(row["b_id"], 0, clean_text(row["b_text"]), published=docs[row["b_id"]].published)
        indep = independent(row["a_id"], row["b_id"])
        relation, sim, _ = matcher.relation(a, b)
        confusion[row["relation"], relation] += 1
        if row["relation"] == "contradict" or (row["relation"] == "corroborate" and row["independent"]):
            gold[row["relation"]].add(key)
        if relation == "contradict" or (relation == "corroborate" and indep):
            pred["shipped"][relation].add(key)
        if sim >= matcher.related and indep:
            pred["baseline"]["corroborate"].add(key)
    secs = time.perf_counter() - start

    table = Table(title=f"Claim links, dev ({len(dev.claim_pairs)} labelled pairs)")
    for col in ("method", "relation", "gold", "pred", "P", "R", "F1"):
        table.add_column(col, justify="left" if col in ("method", "relation") else "right")
    for name in ("baseline", "shipped"):
        for rel in ("corroborate", "contradict"):
            p, r, f = prf(pred[name][rel], gold[rel])
            label = "baseline: similarity only" if name == "baseline" else "shipped"
            counts = (str(len(gold[rel])), str(len(pred[name][rel])))
            table.add_row(label, rel, *counts, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    console = Console()
    console.print(table)
    conf = Table(title="gold (rows) × predicted relation (columns), before the independence check")
    labels = ("corroborate", "contradict", "unrelated")
    conf.add_column("gold")
    for lab in labels:
        conf.add_column(lab, justify="right")
    for g in labels:
        conf.add_row(g, *(str(confusion[g, p]) for p in labels))
    console.print(conf)
    console.print(f"{len(dev.claim_pairs) / secs:.0f} pairs/s; peak RSS "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
