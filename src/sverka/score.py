"""Scoring helpers shared by benchmarks and training scripts: span overlap and one-to-one matching."""

from __future__ import annotations

from typing import Any

Spanlike = dict[str, Any]  # anything with "start" and "end"


def span_overlap(a: Spanlike, b: Spanlike) -> float:
    """Shared characters over the longer span's length (0..1)."""
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    return max(0, inter) / max(a["end"] - a["start"], b["end"] - b["start"], 1)


def match_spans(gold: list[Spanlike], pred: list[Spanlike], threshold: float = 0.5) -> list[tuple[Spanlike, Spanlike]]:
    """Greedy one-to-one pairs of gold and predicted spans, best overlap first, at least `threshold`."""
    scored = sorted(((span_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for score, i, j in scored:
        if score >= threshold and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], pred[j]))
    return out
