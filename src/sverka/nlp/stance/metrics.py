"""RuSentNE-2023 metric: F1_PN, the macro F1 of the positive and the negative class."""

from __future__ import annotations

from collections.abc import Sequence


def prf(gold: Sequence[int], pred: Sequence[int], label: int) -> tuple[float, float, float]:
    tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
    n_pred = sum(p == label for p in pred)
    n_gold = sum(g == label for g in gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def f1_pn(gold: Sequence[int], pred: Sequence[int | None]) -> float:
    """Unanswered rows (None) count as wrong, as the RuSentNE scorer does."""
    filled = [p if p is not None else 99 for p in pred]
    return (prf(gold, filled, 1)[2] + prf(gold, filled, -1)[2]) / 2
