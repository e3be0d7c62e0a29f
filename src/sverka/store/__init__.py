"""Storage: SQLAlchemy Core tables, Alembic migrations, and the `Store` read API (docs/storage.md).

SQLAlchemy and Alembic are imported on first use, so `import sverka` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sverka.store.store import Page, Store

__all__ = ["Page", "Store", "open"]


def open(url: str | None = None) -> Store:
    """Open (and migrate) the database at `url`, a bare SQLite path, or the default."""
    from sverka.store.store import Store

    return Store(url)


def __getattr__(name: str) -> Any:
    if name in ("Page", "Store"):
        from sverka.store import store

        return getattr(store, name)
    raise AttributeError(name)
