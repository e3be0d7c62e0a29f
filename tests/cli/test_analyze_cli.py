"""`sverka analyze` as a user runs it: files, stdin, batches with bad lines, odd encodings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sverka.cli.main import app

runner = CliRunner()


def run(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sverka", *args], input=input, capture_output=True, timeout=300, check=False
    )


@pytest.mark.slow
def test_seed_meets_its_entity_and_date_expectations(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "analysis.json"
    result = run("analyze", str(shared / "examples" / "seed.txt"), "--published", "2022-01-10", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    out.write_bytes(result.stdout)
    check = subprocess.run(
        [sys.executable, str(shared / "tools" / "check_seed.py"), str(out),
         str(shared / "examples" / "seed.expected.json"), "entities", "separate", "dates"],
        capture_output=True, text=True, check=False,
    )
    assert check.returncode == 0, check.stdout


def test_json_output_follows_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Вчера Путин встретился с Токаевым в Москве.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--published", "2024-11-26", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "post.txt" and data["lang"] == "ru"
    names = {e["name"] for e in data["entities"]}
    assert {"Владимир Путин", "Касым-Жомарт Токаев", "Москва"} <= names
    assert {"text": "Вчера", "value": "2024-11-25"}.items() <= data["times"][0].items()
    for m in data["mentions"]:
        assert {"start", "end", "text", "type", "entity"} <= m.keys()


def test_report_is_readable(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Президент России Владимир Путин проведёт совещание 12 января.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--published", "2022-01-10"])
    assert result.exit_code == 0
    assert "Владимир Путин" in result.stdout and "2022-01-12" in result.stdout


def test_stdin_and_cp1251(tmp_path: Path) -> None:
    result = run("analyze", "-", "--format", "json", input="Токаев прилетел в Москву.".encode("cp1251"))
    assert result.returncode == 0, result.stderr.decode()
    assert "Касым-Жомарт Токаев" in {e["name"] for e in json.loads(result.stdout)["entities"]}


@pytest.mark.parametrize(("payload", "message"), [(b"", "empty input"), (b"\x00\x01\x02binary\x00", "binary")])
def test_empty_and_binary_input_are_refused_clearly(tmp_path: Path, payload: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1
    assert message in result.output and "bad.txt" in result.output


def test_batch_goes_on_past_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    out = tmp_path / "out.jsonl"
    src.write_text(
        "\n".join([
            json.dumps({"id": "a", "text": "Путин прилетел в Казахстан.", "published": "2022-01-10"}),
            '{"id": "broken", "text": ',
            json.dumps({"id": "b", "text": ""}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"id": "c", "text": "Эрдоган позвонил вчера.", "published": "2024-11-26T10:00:00+00:00"}),
        ]) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 1  # something was rejected
    assert "docs.jsonl:2" in result.output and "docs.jsonl:3" in result.output and "docs.jsonl:4" in result.output
    assert "analysed 2 document(s), rejected 3" in result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "c"]
    assert lines[1]["times"][0]["value"] == "2024-11-25"


def test_relative_dates_stay_unresolved_without_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Вчера в Кремле прошло совещание.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    times = json.loads(result.stdout)["times"]
    assert times and times[0]["value"] is None


def test_non_russian_text_is_flagged_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("The president met the prime minister in London yesterday.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["lang"] == "en" and data["lang_supported"] is False
