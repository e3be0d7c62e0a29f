"""Stories (issue 7's clusters): an empty list and "not linked yet" until `sverka link` has run."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sverka.web.deps import CURSOR, LIMIT, show, store_of
from sverka.web.errors import NotFound
from sverka.web.formats import FORMAT, Format, respond
from sverka.web.queries.stories import linked, stories, story

MIN_SIZE = Query(2, ge=1, description="only stories of at least this many posts")
api = APIRouter(prefix="/api/stories", tags=["stories"])
pages = APIRouter(include_in_schema=False)


@api.get("")
def list_stories(request: Request, min_size: int = MIN_SIZE, limit: int = LIMIT, cursor: str | None = CURSOR,
                 format: Format = FORMAT) -> Response:
    """Story clusters, newest first, with `size`; `linked` is false before `sverka link`."""
    store = store_of(request)
    page = stories(store, limit, cursor, min_size)
    return respond(request, {**page.to_dict(), "linked": linked(store)}, format)


@api.get("/{story_id}")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """One story: its posts across channels in time order and its first publication."""
    store = store_of(request)
    found = story(store, story_id)
    if found is None:
        hint = "" if linked(store) else " (stories are not linked yet: run sverka link)"
        raise NotFound(f"story {story_id!r}{hint}")
    return found


@pages.get("/stories")
def stories_page(request: Request, min_size: int = MIN_SIZE, limit: int = LIMIT,
                 cursor: str | None = CURSOR) -> Response:
    store = store_of(request)
    page = stories(store, limit, cursor, min_size)
    return show(request, "stories.html", {**page.to_dict(), "linked": linked(store)})


@pages.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    return show(request, "story.html", get_story(request, story_id))
