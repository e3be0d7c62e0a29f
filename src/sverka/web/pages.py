"""Jinja templates (autoescape on for every file) and the helpers the templates use."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from sverka.web.markup import entity_href, highlight, safe_href, token

TEMPLATES = Path(__file__).parent / "templates"


def _query(request: Request, **changes: Any) -> str:
    """The current query string with some parameters replaced (None drops one); the cursor resets."""
    params = {k: v for k, v in request.query_params.items() if k != "cursor"}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def _short(value: str | None, size: int = 16) -> str:
    return (value or "")[:size].replace("T", " ")


env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
env.globals.update(highlight=highlight, entity_href=entity_href, safe_href=safe_href, query=_query, token=token)
env.filters.update(short=_short, urlpart=lambda v: quote(str(v), safe=""))


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)
