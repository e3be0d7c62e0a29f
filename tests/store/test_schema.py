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


def test_upgrade_from_0002_keeps_the_search_index(db_url):
    from alembic import command
    from sqlalchemy import text

    from sverka.store.engine import open_engine
    from sverka.store.migrate import alembic_config
    from sverka.store.terms import index_text

    engine = open_engine(db_url)
    cfg = alembic_config(db_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(text("INSERT INTO channels (id, name) VALUES ('tg:1', 'Канал')"))
        conn.execute(text(
            "INSERT INTO documents (id, channel_id, published, time_ambiguous, text, meta, content_hash) "
            "VALUES ('tg:1:5', 'tg:1', '2024-11-26 10:00:00', false, 'Токаеву доложили.', '{}', 'h')"))
        conn.execute(text("INSERT INTO search_text (document_id, lemmas) VALUES ('tg:1:5', :lemmas)"),
                     {"lemmas": index_text("Токаеву доложили.")})
    engine.dispose()
    store = Store(db_url)  # migrates to head
    assert current_revision(store.engine) == head_revision()
    page = store.documents(q="Токаев", channel="Канал", since="2024-11-26")
    assert [i["id"] for i in page.items] == ["tg:1:5"]
    assert [page.items[0]["snippet"][s:e] for s, e in page.items[0]["highlights"]] == ["Токаеву"]
    store.close()
