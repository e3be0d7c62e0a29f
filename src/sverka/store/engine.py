"""Open a database by URL: SQLite with WAL and foreign keys, PostgreSQL through psycopg 3."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from sverka.config import database_url
from sverka.errors import StoreError


def open_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    if url.startswith("postgresql://"):  # psycopg 3 is what we install, not psycopg2
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreError(f"cannot open database {url!r}: {exc} (use sqlite:///file.db or postgresql://...)") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name != "postgresql":
        raise StoreError(f"unsupported database {engine.dialect.name!r}: use SQLite or PostgreSQL")
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets the web UI read while an ingest writes; busy_timeout waits for the writer's lock. It
    # comes first: switching to WAL needs the lock too, and a second process opening the database
    # while the first migrates it would otherwise fail at once with "database is locked".
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
