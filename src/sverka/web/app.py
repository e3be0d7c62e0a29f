"""`create_app()`: the FastAPI application: one router per resource, static assets, guard, error shape."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from sverka import __version__
from sverka.store import Store
from sverka.web import apidocs, errors
from sverka.web.errors import NotFound
from sverka.web.routers import claims, documents, entities, sources, stats, stories
from sverka.web.security import Guard

STATIC = Path(__file__).parent / "static"
ROUTERS = (documents, entities, claims, stories, sources, stats)
DESCRIPTION = """Read-only API over a sverka database. Lists answer `{"items": [...], "total": N, "next": cursor}`
(pass `next` back as `cursor=`; `format=csv` for a table); every error answers
`{"ok": false, "error": "...", "status": N}`. Every page of the web UI takes `format=json` too."""


def create_app(db: str | Store | None = None, *, token: str | None = None, loopback_only: bool = False) -> FastAPI:
    """The app over the database `db` (URL, SQLite path, an open Store, or $SVERKA_DB / ./sverka.db).

    `token`: require it on every request. `loopback_only`: answer only Host names of this machine.
    """
    store = db if isinstance(db, Store) else Store(db)
    app = FastAPI(title="sverka", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.store = store
    errors.install(app)
    app.add_middleware(Guard, token=token, loopback_only=loopback_only)
    # plotly.min.js is 4.6 MB and a CSV export can be large: both shrink 3-5x. Level 6: most of the gain
    # of level 9 for a third of the CPU.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_api_route("/static/plotly.min.js", plotly_js, include_in_schema=False)
    apidocs.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in ROUTERS:
        app.include_router(module.api)
        app.include_router(module.pages)
    app.add_api_route("/favicon.ico", lambda: Response(status_code=204), include_in_schema=False)
    app.add_api_route("/api/{rest:path}", unknown_api, include_in_schema=False)
    return app


def app_from_env() -> FastAPI:
    """The app for uvicorn worker processes (`sverka serve --workers N`): settings come from the environment."""
    from sverka.web.security import env_token

    return create_app(os.environ.get("SVERKA_DB"), token=env_token(),
                      loopback_only=os.environ.get("SVERKA_WEB_LOOPBACK_ONLY") == "1")


def api_routes() -> list[APIRoute]:
    """Every route of the routers, REST and pages (FastAPI keeps included routers nested)."""
    return [r for m in ROUTERS for r in (*m.api.routes, *m.pages.routes) if isinstance(r, APIRoute)]


def plotly_js() -> FileResponse:
    """plotly.js as shipped inside the plotly Python package: no CDN, no copy in the repo."""
    spec = importlib.util.find_spec("plotly")  # located, not imported: importing plotly is slow
    path = Path(spec.origin).parent / "package_data" / "plotly.min.js" if spec and spec.origin else None
    if path is None or not path.is_file():
        raise NotFound("plotly.min.js (reinstall the plotly package)")
    return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})


def unknown_api(request: Request, rest: str) -> Response:
    raise NotFound(f"API route /api/{rest}")
