"""The same routes on PostgreSQL (SVERKA_TEST_PG, see scripts/ci_postgres.sh): a small corpus, every route."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from conftest import XSS_ID, hostile_export
from sverka.web import create_app

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
MASH = "1001117628569_messages.json"


@pytest.fixture(scope="module")
def pg_client(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    base = os.environ.get("SVERKA_TEST_PG")
    if not base:
        pytest.skip("SVERKA_TEST_PG is not set (see scripts/ci_postgres.sh)")
    from sverka.ingest import ingest

    name = f"sverka_web_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    hostile = hostile_export(tmp_path_factory.mktemp("pg") / "hostile")
    ingest([samples / "telegram" / "nktkln_channels_2024-11-26" / MASH, hostile], db=url, workers=1)
    ingest([samples / "news"], db=url, analyse=False)
    app = create_app(url)
    yield TestClient(app, raise_server_exceptions=False)
    app.state.store.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_every_route_on_postgresql(pg_client: TestClient) -> None:
    putin = quote("PER:Владимир Путин", safe="")
    for url in ("/api/documents?q=Путина", "/api/documents?channel=Mash&since=2024-11-26&until=2024-11-26",
                "/api/documents?entity_type=PER&claim_type=statement", "/api/documents/facets?q=Путин",
                f"/api/documents/{quote(XSS_ID)}", "/api/entities?type=PER", f"/api/entities/{putin}",
                f"/api/entities/{putin}/timeline", f"/api/entities/{putin}/stance",
                f"/api/entities/{putin}/co-mentioned", "/api/claims?min_checkworthiness=0.3",
                "/api/claims?sort=published&order=asc&channel=Mash", "/api/sources", "/api/stories", "/api/stats",
                "/", "/search?q=Путин", f"/documents/{quote(XSS_ID)}", f"/entities/{putin}", "/claims", "/sources"):
        response = pg_client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
    facets = pg_client.get("/api/documents/facets?channel=Mash").json()
    assert facets["date"] == [{"value": "2024-11-26", "count": 20, "since": "2024-11-26", "until": "2024-11-26"}]
    timeline = pg_client.get(f"/api/entities/{putin}/timeline").json()
    assert timeline["bucket"] == "hour" and timeline["series"]
    assert pg_client.get("/api/claims?limit=5").json()["total"] > 5
    assert "&lt;script&gt;" in pg_client.get(f"/documents/{quote(XSS_ID)}").text
