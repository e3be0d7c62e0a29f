"""Claims: check-worthy claims across documents, filtered and sorted, with corroboration when linked."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sverka.errors import ConfigError
from sverka.store import Store
from sverka.web.cache import cached
from sverka.web.deps import CURSOR, LIMIT, blank, show, store_of
from sverka.web.formats import FORMAT, Format, respond
from sverka.web.queries.claims import SORTS, ClaimFilters, claim_types, claims, sourcings

api = APIRouter(prefix="/api/claims", tags=["claims"])
pages = APIRouter(include_in_schema=False)
Sort = Literal["checkworthiness", "published", "channel", "type", "sourcing", "speaker"]


@api.get("")
def list_claims(
    request: Request,
    type: str | None = Query(None, description="event, statement, opinion, prediction, ..."),
    insider: bool | None = Query(None, description="only insider (true) or only non-insider (false) claims"),
    sourcing: str | None = Query(None, description="named, anonymous, none, ..."),
    min_checkworthiness: float | None = Query(None, ge=0, le=1, description="at least this check-worthiness"),
    channel: str | None = None, since: str | None = None, until: str | None = None,
    document: str | None = Query(None, description="claims of one document"),
    sort: Sort = "checkworthiness", order: Literal["asc", "desc"] = "desc",
    limit: int = LIMIT, cursor: str | None = CURSOR, format: Format = FORMAT,
) -> Response:
    """Claims with their document, channel and time; `status` is corroborated / contradicted / unconfirmed
    once `sverka link` has matched claims across channels, else null."""
    f = ClaimFilters(type, insider, sourcing, min_checkworthiness, channel, since, until, document, sort, order)
    return respond(request, claims(store_of(request), f, limit, cursor).to_dict(), format)


@pages.get("/claims")
def claims_page(request: Request, type: str | None = None, insider: str | None = None, sourcing: str | None = None,
                min_checkworthiness: str | None = "0.5", channel: str | None = None, since: str | None = None,
                until: str | None = None, sort: str = "checkworthiness", order: str = "desc",
                limit: int = LIMIT, cursor: str | None = CURSOR) -> Response:
    if sort not in SORTS or order not in ("asc", "desc"):
        raise ConfigError(f"sort must be one of {', '.join(SORTS)} and order asc or desc")
    f = ClaimFilters(blank(type), _flag(insider), blank(sourcing), _number(min_checkworthiness), blank(channel),
                     blank(since), blank(until), None, sort, order)
    store = store_of(request)
    data = {"filters": f.to_dict(), "results": claims(store, f, limit, cursor).to_dict(), "choices": choices(store)}
    return show(request, "claims.html", data)


def _flag(value: str | None) -> bool | None:
    value = blank(value)
    if value is None:
        return None
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise ConfigError(f"insider={value!r}: use true or false")


def _number(value: str | None) -> float | None:
    value = blank(value)
    try:
        return None if value is None else float(value)
    except ValueError as exc:
        raise ConfigError(f"min_checkworthiness={value!r}: use a number between 0 and 1") from exc


def choices(store: Store) -> dict[str, Any]:
    """Distinct claim types and sourcings for the filter form (a scan of claims: cached)."""
    return cached(store, "claim-choices",
                  lambda: {"type": claim_types(store), "sourcing": sourcings(store), "sort": list(SORTS)})
