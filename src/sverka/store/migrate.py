"""Apply the Alembic migrations shipped in the package: every store opens at the latest schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATE_LOCK = 0x5E4CB  # PostgreSQL advisory lock held while migrating


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to the latest revision (a no-op when it is there already).

    Two processes opening a new database at once take turns: SQLite's `BEGIN IMMEDIATE` (which
    also makes its DDL transactional) or a PostgreSQL advisory lock; the second finds the work done.
    """
    head = head_revision()
    if current_revision(engine) == head:
        return
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
        if MigrationContext.configure(conn).get_current_revision() == head:
            conn.rollback()
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
