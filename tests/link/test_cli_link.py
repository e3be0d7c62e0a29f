"""`sverka link` and the commands that read it, end to end over a SQLite store of the sample day."""

import json

import pytest
from typer.testing import CliRunner

from sverka.cli.main import app

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, shared):
    path = tmp_path_factory.mktemp("link") / "t.db"
    sample = shared / "data" / "samples" / "telegram" / "nktkln_channels_2024-11-26"
    result = runner.invoke(app, ["ingest", str(sample), "--db", str(path), "--no-analyze"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["link", "--db", str(path)])
    assert result.exit_code == 0 and "linked 462 new document(s)" in result.output, result.output
    return str(path)


def test_link_again_adds_nothing(db):
    result = runner.invoke(app, ["link", "--db", db])
    assert "linked 0 new document(s), 462 in all" in result.output


def test_stories_json(db):
    stories = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).output)
    assert stories and {"id", "title", "documents", "start", "end", "channels"} <= set(stories[0])
    assert all(len(s["documents"]) >= 2 for s in stories)
    assert max(len(s["documents"]) for s in stories) <= 25


def test_duplicates_json(db):
    pairs = json.loads(runner.invoke(app, ["duplicates", "--db", db, "--format", "json"]).output)
    assert len(pairs) > 50 and {p["kind"] for p in pairs} <= {"forward", "copy", "near_duplicate"}


def test_story_claim_sources_graph(db, tmp_path):
    story_id = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).output)[0]["id"]
    story = json.loads(runner.invoke(app, ["story", str(story_id), "--db", db, "--format", "json"]).output)
    assert story["first"] == story["documents"][0]
    if story["claim_links"]:
        key = story["claim_links"][0]["a"]
        claim = json.loads(runner.invoke(app, ["claim", key, "--db", db, "--format", "json"]).output)
        assert claim["claim"] == key and claim["links"]
    rows = json.loads(runner.invoke(app, ["sources", "--db", db, "--format", "json"]).output)
    assert len(rows) == 8 and sum(r["posts"] for r in rows) == 462
    out = tmp_path / "net.gexf"
    assert runner.invoke(app, ["graph", "--format", "gexf", "--out", str(out), "--db", db]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_errors_say_the_fix(db, tmp_path):
    empty = str(tmp_path / "empty.db")
    result = runner.invoke(app, ["stories", "--db", empty])
    assert result.exit_code == 1 and "sverka link" in result.output
    assert runner.invoke(app, ["story", "99999", "--db", db]).exit_code == 1
    assert runner.invoke(app, ["sources", "--db", db, "--period", "year"]).exit_code == 2


@pytest.mark.postgres
def test_link_on_postgres(shared):
    """The same commands on PostgreSQL (SVERKA_TEST_PG, see scripts/ci_postgres.sh), in a throw-away database."""
    import os
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("SVERKA_TEST_PG")
    if not base:
        pytest.skip("SVERKA_TEST_PG is not set (see scripts/ci_postgres.sh)")
    name = f"sverka_link_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        sample = shared / "data" / "samples" / "telegram" / "nktkln_channels_2024-11-26"
        assert runner.invoke(app, ["ingest", str(sample), "--db", url, "--no-analyze"]).exit_code == 0
        assert "linked 462 new document(s)" in runner.invoke(app, ["link", "--db", url]).output
        assert "linked 0 new document(s)" in runner.invoke(app, ["link", "--db", url]).output
        pairs = json.loads(runner.invoke(app, ["duplicates", "--db", url, "--format", "json"]).output)
        assert len(pairs) > 50
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
