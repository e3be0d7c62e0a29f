"""The migrations create exactly the tables of schema.py, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sverka.store import Store
from sverka.store.migrate import current_revision, head_revision
from sverka.store.schema import metadata

# Full-text objects exist only in the migrations (FTS5 shadow tables, a GIN expression index).
BACKEND_ONLY = ("search_fts", "ix_search_text_tsv")


def test_migrations_match_schema(db_url):
    store = Store(db_url)
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(ctx, metadata)
    store.close()
    assert [d for d in diffs if not _backend_only(d)] == []


def _backend_only(diff) -> bool:
    obj = diff[1]
    return getattr(obj, "name", "").startswith(BACKEND_ONLY)


def test_open_twice_is_at_head(db_url):
    Store(db_url).close()
    store = Store(db_url)
    assert current_revision(store.engine) == head_revision() is not None
    assert store.stats()["documents"] == 0
    store.close()


def test_sverka_open_returns_a_store(tmp_path):
    import sverka

    store = sverka.open(str(tmp_path / "plain-path.db"))  # a bare path means SQLite
    assert store.engine.dialect.name == "sqlite"
    assert store.documents(q="Путин").to_dict() == {"items": [], "total": 0, "next": None}
