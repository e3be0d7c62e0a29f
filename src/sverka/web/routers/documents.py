"""Documents: search by lemma with filters and facets, and one document with its full analysis."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sverka.web.cache import cached
from sverka.web.deps import CURSOR, LIMIT, blank, show, store_of
from sverka.web.errors import NotFound
from sverka.web.formats import FORMAT, Format, respond
from sverka.web.markup import render, spans_of
from sverka.web.queries.documents import Filters, detail, facets, search

api = APIRouter(prefix="/api/documents", tags=["documents"])
pages = APIRouter(include_in_schema=False)

Q = Query(None, description="words matched by lemma ('Путина' finds 'Путину'); every word must occur")
CHANNEL = Query(None, description="channel name, id, Telegram id or @username")
SINCE = Query(None, description="YYYY-MM-DD or an ISO time (UTC)")
UNTIL = Query(None, description="YYYY-MM-DD (the whole day) or an ISO time")
ENTITY = Query(None, description="canonical entity name or its last word ('Путин')")
ENTITY_TYPE = Query(None, description="PER, ORG or LOC: documents with such an entity")
CLAIM_TYPE = Query(None, description="documents with a claim of this type (event, statement, ...)")


@api.get("")
def list_documents(request: Request, q: str | None = Q, channel: str | None = CHANNEL, since: str | None = SINCE,
                   until: str | None = UNTIL, entity: str | None = ENTITY, entity_type: str | None = ENTITY_TYPE,
                   claim_type: str | None = CLAIM_TYPE, limit: int = LIMIT, cursor: str | None = CURSOR,
                   format: Format = FORMAT) -> Response:
    """Documents matching every filter, newest first, with a highlighted `snippet` (`highlights` = offsets)."""
    filters = Filters(q, channel, since, until, entity, entity_type, claim_type)
    return respond(request, search(store_of(request), filters, limit, cursor).to_dict(), format)


@api.get("/facets")
def document_facets(request: Request, q: str | None = Q, channel: str | None = CHANNEL, since: str | None = SINCE,
                    until: str | None = UNTIL, entity: str | None = ENTITY, entity_type: str | None = ENTITY_TYPE,
                    claim_type: str | None = CLAIM_TYPE) -> dict[str, Any]:
    """Counts of the matching documents per channel, per day (or month), per entity type and claim type."""
    return facets(store_of(request), Filters(q, channel, since, until, entity, entity_type, claim_type))


@api.get("/{doc_id:path}")
def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    """One document: text, metadata, its analysis (entities, mentions, times, claims, signals), revisions,
    links, and `related` (reply target, forward source, duplicates, stories)."""
    doc = detail(store_of(request), doc_id)
    if doc is None:
        raise NotFound(f"document {doc_id!r}")
    return doc


def search_view(request: Request, filters: Filters, limit: int, cursor: str | None) -> dict[str, Any]:
    store = store_of(request)
    results = search(store, filters, limit, cursor).to_dict()
    if filters.to_dict():
        counts = facets(store, filters)
    else:  # the whole corpus: a scan, cached like the other corpus-wide numbers
        counts = cached(store, "facets", lambda: facets(store, filters))
    return {"filters": filters.to_dict(), "results": results, "facets": counts}


@pages.get("/")
@pages.get("/search")
def search_page(request: Request, q: str | None = None, channel: str | None = None, since: str | None = None,
                until: str | None = None, entity: str | None = None, entity_type: str | None = None,
                claim_type: str | None = None, limit: int = LIMIT, cursor: str | None = CURSOR) -> Response:
    filters = Filters(*(blank(v) for v in (q, channel, since, until, entity, entity_type, claim_type)))
    data = search_view(request, filters, limit, cursor)
    if not filters.to_dict() and request.url.path == "/":
        store = store_of(request)
        data["stats"] = cached(store, "stats", store.stats)
    return show(request, "search.html", data)


@pages.get("/documents/{doc_id:path}")
def document_page(request: Request, doc_id: str) -> Response:
    doc = get_document(request, doc_id)
    body = render(doc["text"], spans_of(doc.get("analysis"), doc.get("links") or []))
    return show(request, "document.html", doc, body=body)
