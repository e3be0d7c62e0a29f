"""Sources: per channel counts, date range, insider/unsourced shares, track record once linked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sverka.web.cache import cached
from sverka.web.deps import show, store_of
from sverka.web.formats import FORMAT, Format, respond
from sverka.web.queries.sources import sources
from sverka.web.queries.stories import linked

api = APIRouter(prefix="/api/sources", tags=["sources"])
pages = APIRouter(include_in_schema=False)


def sources_view(request: Request) -> dict[str, Any]:
    store = store_of(request)
    items = cached(store, "sources", lambda: sources(store))
    return {"items": items, "total": len(items), "next": None, "linked": linked(store)}


@api.get("")
def list_sources(request: Request, format: Format = FORMAT) -> Response:
    """Channels with `documents`, `first`/`last` times, `claims`, `insider_share`, `unsourced_share`
    and `track_record` ({corroborated, contradicted}; null before `sverka link`)."""
    return respond(request, sources_view(request), format)


@pages.get("/sources")
def sources_page(request: Request) -> Response:
    return show(request, "sources.html", sources_view(request))
