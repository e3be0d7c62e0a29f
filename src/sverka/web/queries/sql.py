"""Small helpers shared by the query modules: optional tables, plain rows, pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import MetaData, Table, inspect
from sqlalchemy.engine import Engine, RowMapping

from ...store.store import Page, decode_cursor, encode_cursor, iso

__all__ = ["Page", "decode_cursor", "optional_table", "page_of", "plain"]


def optional_table(engine: Engine, name: str) -> Table | None:
    """A table another part of sverka may not have created yet (issue 7's link tables), reflected once."""
    cache: dict[str, Table] = engine.__dict__.setdefault("_sverka_web_tables", {})
    if name not in cache:
        if not inspect(engine).has_table(name):
            return None  # asked again next time: `sverka link` may create it while we serve
        cache[name] = Table(name, MetaData(), autoload_with=engine)
    return cache[name]


def plain(row: RowMapping | dict[str, Any]) -> dict[str, Any]:
    return {k: iso(v) if isinstance(v, datetime) else v for k, v in dict(row).items()}


def page_of(items: list[dict[str, Any]], total: int, offset: int) -> Page:
    more = offset + len(items) < total
    return Page(items, total, encode_cursor(offset + len(items)) if more and items else None)
