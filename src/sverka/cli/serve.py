"""`sverka serve`: the REST API and web UI over a database, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from sverka.cli.errors import reported_errors
from sverka.errors import ConfigError

err = Console(stderr=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; beyond loopback SVERKA_TOKEN is required.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[str | None, typer.Option(help="Database URL or SQLite file (default: $SVERKA_DB, ./sverka.db).")]
    = None,
    workers: Annotated[int, typer.Option(help="Server processes (requests in parallel on several cores).")] = 1,
) -> None:
    """Browse and query the database: web UI at http://HOST:PORT/, REST API under /api, OpenAPI at /docs."""
    import uvicorn

    from sverka.web import create_app
    from sverka.web.security import check_bind, env_token, is_loopback

    token = env_token()
    with reported_errors():
        check_bind(host, token)
        check_exists(db)
        app = create_app(db, token=token, loopback_only=is_loopback(host) and not token)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"sverka: http://{shown}:{port}/  (API docs: /docs{', token required' if token else ''})")
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes build their own app from the environment (uvicorn needs an import string).
    app.state.store.close()
    os.environ["SVERKA_DB"] = app.state.store.url
    os.environ["SVERKA_WEB_LOOPBACK_ONLY"] = "1" if is_loopback(host) and not token else "0"
    uvicorn.run("sverka.web.app:app_from_env", factory=True, host=host, port=port, log_level="warning",
                workers=workers)


def check_exists(db: str | None) -> None:
    """Serving a mistyped SQLite path would create an empty database: say so instead."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from sverka.config import database_url

    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        raise ConfigError(f"no database at {url.database}: run `sverka ingest PATHS --db {url.database}` first, "
                          "or pass --db")
