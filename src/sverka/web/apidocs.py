"""/docs: Swagger UI 5 (it reads FastAPI's OpenAPI 3.1) from the static files of the `swagger-ui-py` package,
served by us (no CDN), started by a script file (no inline script under the Content-Security-Policy)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from sverka.errors import ConfigError

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sverka API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script></body></html>"""


def swagger_static() -> Path:
    """The package's static folder, found without importing it (its __init__ wires up web frameworks)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or spec.origin is None:
        raise ConfigError("the swagger-ui-py package is missing: pip install swagger-ui-py")
    return Path(spec.origin).parent / "static"


def install(app: FastAPI) -> None:
    """Mount the Swagger UI assets and the /docs page (FastAPI's own /docs loads them from a CDN)."""
    app.mount("/static/swagger", StaticFiles(directory=swagger_static()), name="swagger")
    app.add_api_route("/docs", lambda: HTMLResponse(PAGE), include_in_schema=False)
