"""Scores for linking: pair precision/recall/F1 of a clustering, P/R/F1 of a set of pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from itertools import combinations


def cluster_pairs(assignment: dict[str, Hashable | None]) -> set[frozenset[str]]:
    """All pairs of items that share a cluster; items assigned None are singletons."""
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for item, cluster in assignment.items():
        if cluster is not None:
            groups[cluster].append(item)
    return {frozenset(p) for members in groups.values() for p in combinations(sorted(members), 2)}


def prf(pred: Iterable[frozenset[str]], gold: Iterable[frozenset[str]]) -> tuple[float, float, float]:
    pred, gold = set(pred), set(gold)
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pair_prf(pred: dict[str, Hashable | None], gold: dict[str, Hashable | None]) -> tuple[float, float, float]:
    """Pair P/R/F1 of a clustering over the items of `gold` (the news-clustering shared-task measure)."""
    return prf(cluster_pairs({k: pred.get(k) for k in gold}), cluster_pairs(gold))
