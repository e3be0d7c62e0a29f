"""A small time-to-live cache for corpus-wide aggregates (stats, sources, the entity list, unfiltered facets).

Each scans the whole corpus (≈1 s on 100k documents); ingest and `sverka link` change them rarely, so a
page may show numbers up to `TTL` seconds old. Entries live on the store object they were computed from.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
TTL = 60.0  # seconds
MAX_ENTRIES = 256
_lock = threading.Lock()


def cached(store: Any, key: Hashable, compute: Callable[[], T], ttl: float = TTL) -> T:
    """`compute()`, or its value from less than `ttl` seconds ago for this store and key."""
    with _lock:
        entries: dict[Hashable, tuple[float, Any]] = store.__dict__.setdefault("_sverka_web_cache", {})
        hit = entries.get(key)
    now = time.monotonic()
    if hit and now - hit[0] < ttl:
        return hit[1]
    value = compute()
    with _lock:
        if len(entries) >= MAX_ENTRIES:
            entries.pop(min(entries, key=lambda k: entries[k][0]))
        entries[key] = (now, value)
    return value
