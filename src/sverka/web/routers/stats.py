"""Stats: what is in the database (the same dict as `sverka stats --format json`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from sverka.web.cache import cached
from sverka.web.deps import store_of

api = APIRouter(prefix="/api/stats", tags=["stats"])
pages = APIRouter(include_in_schema=False)


@api.get("")
def get_stats(request: Request) -> dict[str, Any]:
    """Documents per channel, date range, analyses, entities, claims, links, rejects, last ingest run."""
    store = store_of(request)
    return cached(store, "stats", store.stats)
