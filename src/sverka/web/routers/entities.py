"""Entities: the list (aliases, mention counts), one entity with its timeline, stance and co-mentions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sverka.web.cache import cached
from sverka.web.deps import CURSOR, LIMIT, blank, show, store_of
from sverka.web.errors import NotFound
from sverka.web.formats import FORMAT, Format, respond
from sverka.web.queries import entities as q_entities

api = APIRouter(prefix="/api/entities", tags=["entities"])
pages = APIRouter(include_in_schema=False)
KEY = "entity key `TYPE:Name`, e.g. `PER:Владимир Путин` (URL-encoded)"


@api.get("")
def list_entities(request: Request, q: str | None = Query(None, description="part of the name"),
                  type: str | None = Query(None, description="PER, ORG or LOC"), limit: int = LIMIT,
                  cursor: str | None = CURSOR, format: Format = FORMAT) -> Response:
    """Entities grouped by canonical name and type, most documents first: `documents`, `mentions`, `id`."""
    return respond(request, entity_page_data(request, q, type, limit, cursor), format)


@api.get("/{key:path}/timeline", description=KEY)
def entity_timeline(request: Request, key: str) -> dict[str, Any]:
    """Documents mentioning the entity per channel and time bucket (`hour`, `day` or `month`)."""
    _known(request, key)
    return q_entities.timeline(store_of(request), key)


@api.get("/{key:path}/stance", description=KEY)
def entity_stance(request: Request, key: str) -> dict[str, Any]:
    """Stance labels towards the entity over time (empty until the stance stage has run)."""
    _known(request, key)
    return q_entities.stance(store_of(request), key)


@api.get("/{key:path}/co-mentioned", description=KEY)
def entity_co_mentioned(request: Request, key: str) -> dict[str, Any]:
    """Entities sharing documents with this one."""
    _known(request, key)
    items = q_entities.co_mentioned(store_of(request), key)
    return {"items": items, "total": len(items), "next": None}


@api.get("/{key:path}", description=KEY)
def get_entity(request: Request, key: str) -> dict[str, Any]:
    """Everything the entity page shows: the entity (aliases, roles, counts), timeline, stance,
    co-mentioned entities and its ten latest documents."""
    store = store_of(request)
    found = _known(request, key)
    return {
        "entity": found,
        "timeline": q_entities.timeline(store, key),
        "stance": q_entities.stance(store, key),
        "co_mentioned": q_entities.co_mentioned(store, key),
        "documents": q_entities.latest_documents(store, key),
    }


def _known(request: Request, key: str) -> dict[str, Any]:
    found = q_entities.entity(store_of(request), key)
    if found is None:
        raise NotFound(f"entity {key!r} (keys look like PER:Владимир Путин)")
    return found


@pages.get("/entities")
def entities_page(request: Request, q: str | None = None, type: str | None = None, limit: int = LIMIT,
                  cursor: str | None = CURSOR) -> Response:
    results = entity_page_data(request, blank(q), blank(type), limit, cursor)
    return show(request, "entities.html", {"filters": {"q": q, "type": type}, "results": results})


def entity_page_data(request: Request, q: str | None, kind: str | None, limit: int, cursor: str | None) -> dict:
    """One page of the entity list (a scan of all entity rows: cached, see cache.py)."""
    store = store_of(request)
    key = ("entities", q, kind, limit, cursor)
    return cached(store, key, lambda: q_entities.entity_list(store, q, kind, limit, cursor).to_dict())


@pages.get("/entities/{key:path}")
def entity_page(request: Request, key: str) -> Response:
    return show(request, "entity.html", get_entity(request, key))
