"""The local process pool keeps submission order and hands back each item's context."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from sverka.run.local import default_workers, ordered_map


@pytest.mark.parametrize("workers", [1, 2])
def test_ordered_map_keeps_order(workers):
    items = [(f"batch {i}", "я" * (50 - i)) for i in range(12)]  # later items are quicker
    assert list(ordered_map(len, items, workers)) == [(f"batch {i}", 50 - i) for i in range(12)]


def test_at_most_two_workers_by_default():
    assert 1 <= default_workers() <= 2


def _die(_payload: str) -> int:
    os._exit(1)  # a worker killed mid-task, as by the OOM killer


def test_a_dead_worker_raises_instead_of_hanging():
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_die, [("a", "x"), ("b", "y")], workers=2))


def test_empty_payloads_stay_in_process():
    # _die would kill a worker; for empty payloads no worker is involved at all.
    assert list(ordered_map(_die_unless_empty, [("a", ""), ("b", [])], workers=2)) == [("a", 0), ("b", 0)]


def _die_unless_empty(payload) -> int:
    if payload:
        os._exit(1)
    return len(payload)
