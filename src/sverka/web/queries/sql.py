"""Small helpers shared by the query modules: optional tables, plain rows, pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import MetaData, Table, Text, cast, func, inspect
from sqlalchemy.engine import Engine, RowMapping
from sqlalchemy.sql.elements import ColumnElement

from sverka.store.store import Page, decode_cursor, encode_cursor, iso

__all__ = ["Page", "decode_cursor", "optional_table", "page_of", "plain", "time_prefix"]


def optional_table(engine: Engine, name: str) -> Table | None:
    """A table another part of sverka may not have created yet (issue 7's link tables), reflected once."""
    cache: dict[str, Table] = engine.__dict__.setdefault("_sverka_web_tables", {})
    if name not in cache:
        if not inspect(engine).has_table(name):
            return None  # asked again next time: `sverka link` may create it while we serve
        cache[name] = Table(name, MetaData(), autoload_with=engine)
    return cache[name]


def time_prefix(column: Any, width: int) -> ColumnElement[str]:
    """The first `width` characters of a stored time as text, e.g. 10 → 'YYYY-MM-DD', 13 → 'YYYY-MM-DD HH'.

    SQLite stores times as ISO text and PostgreSQL casts timestamps to the same form, so grouping by it
    in SQL spares parsing every row into a datetime in Python.
    """
    return func.substr(cast(column, Text), 1, width)


def plain(row: RowMapping | dict[str, Any]) -> dict[str, Any]:
    return {k: iso(v) if isinstance(v, datetime) else v for k, v in dict(row).items()}


def page_of(items: list[dict[str, Any]], total: int, offset: int) -> Page:
    more = offset + len(items) < total
    return Page(items, total, encode_cursor(offset + len(items)) if more and items else None)
