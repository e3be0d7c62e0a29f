"""`sverka ingest / search / stats / export` end to end through the command line (Typer's runner)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sverka.cli.main import app
from sverka.config import shared_dir

NKTKLN = shared_dir() / "data" / "samples" / "telegram" / "nktkln_channels_2024-11-26"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.db'}"
    result = runner.invoke(app, ["ingest", str(NKTKLN), "--db", url, "--no-analyze", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "new" in result.output and "462" in result.output
    return url


def test_ingest_again_adds_nothing(db):
    result = runner.invoke(app, ["ingest", str(NKTKLN), "--db", db, "--no-analyze", "--quiet"])
    assert result.exit_code == 0
    assert "unchanged" in result.output and "│ new" not in result.output
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert stats["documents"] == 462 and stats["rejects"] == 0
    assert stats["channels"]["РИА Новости"] == 82
    assert stats["date_range"]["first"].startswith("2024-11-26")


def test_stats_text(db):
    result = runner.invoke(app, ["stats", "--db", db])
    assert result.exit_code == 0
    assert "РИА Новости" in result.stdout and "documents: 462" in result.stdout


def test_search_by_lemma_with_filters(db):
    result = runner.invoke(app, ["search", "Путин Казахстан", "--channel", "РИА Новости", "--since", "2024-11-26",
                                 "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    assert page["total"] >= 2 and {i["channel"] for i in page["items"]} == {"РИА Новости"}
    for item in page["items"]:
        words = [item["snippet"][s:e].lower() for s, e in item["highlights"]]
        assert any(w.startswith("путин") for w in words) or any(w.startswith("казахстан") for w in words)
    text = runner.invoke(app, ["search", "Путину", "--db", db, "--limit", "2"])
    assert text.exit_code == 0 and "tg:" in text.stdout


def test_search_bad_date_is_a_usage_error(db):
    result = runner.invoke(app, ["search", "Путин", "--since", "вчера", "--db", db])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_export_writes_every_table(db, tmp_path):
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path), "--db", db])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "documents.csv").read_text(encoding="utf-8").count("tg:") >= 462
    assert {p.name for p in tmp_path.iterdir()} >= {"documents.csv", "entities.csv", "mentions.csv", "times.csv"}


def test_rejects_are_printed_and_exit_1(tmp_path):
    (tmp_path / "ok.jsonl").write_text('{"id": "1", "text": "Лавров прилетел в Минск."}\n', encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"id": "2", "text": "Обрыв\n', encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'r.db'}"
    result = runner.invoke(app, ["ingest", str(tmp_path / "ok.jsonl"), str(tmp_path / "broken.jsonl"), "--db", url,
                                 "--no-analyze", "--quiet"])
    assert result.exit_code == 1
    assert "rejected" in result.output and "broken.jsonl" in result.output
    stats = json.loads(runner.invoke(app, ["stats", "--db", url, "--format", "json"]).stdout)
    assert (stats["documents"], stats["rejects"]) == (1, 1)


@pytest.mark.parametrize("args, message", [
    (["--map", "text"], "field=column"),
    (["--format", "docx"], "unknown format"),
    (["--tz", "Mars/Olympus"], "unknown time zone"),
    (["--stages", "nonsense"], "unknown stage"),
])
def test_bad_options_are_usage_errors(tmp_path, args, message):
    result = runner.invoke(app, ["ingest", str(NKTKLN), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--quiet", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_default_database_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SVERKA_DB", str(tmp_path / "env.db"))
    (tmp_path / "one.jsonl").write_text('{"id": "1", "text": "Песков ответил журналистам."}\n', encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(tmp_path / "one.jsonl"), "--no-analyze", "--quiet"]).exit_code == 0
    assert (tmp_path / "env.db").exists()
    result = runner.invoke(app, ["search", "Пескова", "--format", "json"])
    assert json.loads(result.stdout)["total"] == 1
