"""Shared request plumbing: the store, page limits, the JSON twin of every page."""

from __future__ import annotations

from typing import Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from sverka.store import Store
from sverka.web.pages import page

LIMIT = Query(20, ge=1, le=500, description="items per page (1-500)")
CURSOR = Query(None, description="the `next` value of the previous page")


def store_of(request: Request) -> Store:
    return request.app.state.store


def show(request: Request, template: str, data: dict[str, Any], **extra: Any) -> Response:
    """The page, or with `?format=json` the very data it was rendered from."""
    if request.query_params.get("format") == "json":
        return JSONResponse(data)
    return page(request, template, data=data, **extra)


def blank(value: str | None) -> str | None:
    """Empty form fields mean 'no filter'."""
    return value.strip() or None if value is not None else None
