"""Store fixtures: every store test runs on SQLite and, when SVERKA_TEST_PG is set, on PostgreSQL.

`scripts/ci_postgres.sh` starts a server and prints the SVERKA_TEST_PG line to export. Each
PostgreSQL test gets an empty `public` schema in a database created for this test session.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str | None]:
    base = os.environ.get("SVERKA_TEST_PG")
    if not base:
        yield None
        return
    name = f"sverka_store_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    yield url
    create_engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path: Path, pg_server_url: str | None) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    if pg_server_url is None:
        pytest.skip("SVERKA_TEST_PG is not set (see scripts/ci_postgres.sh)")
    engine = create_engine(pg_server_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_server_url
