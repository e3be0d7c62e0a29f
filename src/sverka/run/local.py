"""Run a function over batches in a local process pool, results in submission order.

Workers are started with `spawn` (no inherited threads or database connections) and keep what they
load (models are cached per process), so each model is loaded once per worker. At most
`workers * 2` batches are in flight: the caller's generator is consumed lazily, which lets it plan
each batch against what earlier batches wrote. A worker that dies (killed, out of memory) raises
`BrokenProcessPool` here instead of leaving the caller waiting.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 2  # the machines this runs on share 2 cores; raise with care


def default_workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def ordered_map(
    func: Callable[[T], R], items: Iterable[tuple[C, T]], workers: int = 1
) -> Iterator[tuple[C, R]]:
    """For each `(context, payload)` yield `(context, func(payload))`, in order; only the payload
    crosses to a worker. In-process when workers <= 1, and for empty payloads (nothing to ship:
    re-ingesting unchanged inputs never starts a worker)."""
    if workers <= 1:
        for context, payload in items:
            yield context, func(payload)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        in_flight: deque[tuple[C, Future[R]]] = deque()
        try:
            for context, payload in items:
                in_flight.append((context, pool.submit(func, payload) if payload else _done(func(payload))))
                if len(in_flight) >= workers * 2:
                    done, future = in_flight.popleft()
                    yield done, future.result()
            while in_flight:
                done, future = in_flight.popleft()
                yield done, future.result()
        finally:
            for _, future in in_flight:  # stopped early (an error, Ctrl-C): drop the queued work
                future.cancel()


def _done(result: R) -> Future[R]:
    future: Future[R] = Future()
    future.set_result(result)
    return future
