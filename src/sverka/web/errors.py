"""The one error shape: `{"ok": false, "error": "...", "status": N}` on every route.

Browsers (Accept: text/html without JSON) get the same message as a small HTML page with the same status.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import escape
from starlette.exceptions import HTTPException

from sverka.errors import ConfigError, StoreError

log = logging.getLogger("sverka.web")


class NotFound(HTTPException):
    def __init__(self, what: str) -> None:
        super().__init__(404, f"{what} not found")


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if wants_html(request):
        page = (f"<!doctype html><meta charset=utf-8><title>{status}</title>"
                "<link rel=stylesheet href=/static/sverka.css>"
                f"<main class=error><h1>{status}</h1><p>{escape(message)}</p><p><a href=/>sverka</a></p></main>")
        return HTMLResponse(page, status_code=status, headers=headers)
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)


def wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return not request.url.path.startswith("/api/") and "text/html" in accept and "json" not in accept


def validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Route every failure through `error_response`."""

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        return error_response(request, exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, validation_message(exc))

    @app.exception_handler(ConfigError)
    async def _config(request: Request, exc: ConfigError) -> Response:
        return error_response(request, 422, str(exc))  # a bad date, cursor or filter value

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> Response:
        status = 422 if "cursor" in str(exc) else 500
        return error_response(request, status, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, f"internal error: {type(exc).__name__}")
