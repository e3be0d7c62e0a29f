"""Export round trip: every exported row reads back equal to the database, in each format."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import JSON, select
from store_helpers import FAST_STAGES, channel_export, message

from sverka.errors import ConfigError
from sverka.export import DEFAULT_TABLES, TABLES, export
from sverka.ingest import ingest
from sverka.store import Store


@pytest.fixture
def store(db_url, tmp_path):
    path = channel_export(tmp_path / "in", [
        message(1, "Владимир Путин 27 ноября посетит Астану, сообщил Дмитрий Песков. ИСТОЧНИК", 1732615200),
        message(2, "Курс рубля упал; «кавычки», запятые, и\nперенос строки.", 1732615300, edited=1732622400),
    ])
    ingest([path], db=db_url, stages=[*FAST_STAGES, "times"], workers=1)
    s = Store(db_url)
    yield s
    s.close()


def db_rows(store, name):
    table = TABLES[name]
    with store.engine.connect() as conn:
        rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings().all()
    return [{k: (v.isoformat() + "+00:00" if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows]


def read_back(path, fmt, name):
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
        return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in rows]
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def comparable(rows, fmt, name):
    """CSV is all text and Parquet/CSV keep JSON columns as JSON text: bring both sides to that."""
    json_cols = {c.name for c in TABLES[name].columns if isinstance(c.type, JSON)}
    out = []
    for row in rows:
        new = {}
        for k, v in row.items():
            if k in json_cols and isinstance(v, str) and fmt != "jsonl":
                v = json.loads(v)
            if fmt == "csv":
                v = None if v in ("", None) else str(v) if not isinstance(v, dict | list) else v
            new[k] = v
        out.append(new)
    return out


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_round_trip(store, tmp_path, fmt):
    counts = export(store, tmp_path / "out", fmt)
    assert list(counts) == list(DEFAULT_TABLES)
    assert counts["documents"] == 2 and counts["entities"] >= 3 and counts["times"] >= 1
    for name in DEFAULT_TABLES:
        expected = comparable(db_rows(store, name), fmt, name)
        got = comparable(read_back(tmp_path / "out" / f"{name}.{fmt}", fmt, name), fmt, name)
        assert got == expected, name


def test_export_rejects_unknown_format_and_table(store, tmp_path):
    with pytest.raises(ConfigError, match="unknown export format"):
        export(store, tmp_path, "xlsx")
    with pytest.raises(ConfigError, match="unknown table"):
        export(store, tmp_path, "csv", ["documents", "nope"])
