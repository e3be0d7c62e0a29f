"""Export tables of the database as JSONL, CSV or Parquet files, one file per table.

Rows are streamed in chunks, so a large corpus does not have to fit in memory. JSON columns
(`meta`, `roles`, `data`, ...) are JSON text in CSV and Parquet, objects in JSONL; times are UTC
(ISO strings with `+00:00` in JSONL/CSV, `timestamp[us, UTC]` in Parquet).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, select
from sqlalchemy.sql.schema import Table

from sverka.errors import ConfigError
from sverka.store import Store
from sverka.store import schema as t

FORMATS = ("jsonl", "csv", "parquet")
TABLES: dict[str, Table] = {table.name: table for table in (
    t.documents, t.channels, t.revisions, t.entities, t.mentions, t.times, t.claims, t.sentiment, t.events,
    t.links, t.rejects, t.analyses, t.ingest_runs,
)}
DEFAULT_TABLES = ("documents", "channels", "revisions", "entities", "mentions", "times", "claims", "sentiment",
                  "links", "rejects")
CHUNK = 2000


def export(store: Store, out: str | Path, fmt: str = "jsonl", tables: list[str] | None = None) -> dict[str, int]:
    """Write `<out>/<table>.<fmt>` for each table; return the row count of each."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    names = list(tables or DEFAULT_TABLES)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise ConfigError(f"unknown table(s) {', '.join(unknown)}; known: {', '.join(TABLES)}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    writer = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}[fmt]
    return {name: writer(TABLES[name], chunks(store, TABLES[name]), folder / f"{name}.{fmt}") for name in names}


def chunks(store: Store, table: Table) -> Iterator[list[dict[str, Any]]]:
    """The table's rows in primary-key order, `CHUNK` at a time."""
    query = select(table).order_by(*table.primary_key.columns)
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=CHUNK).execute(query).mappings()
        for part in result.partitions(CHUNK):
            yield [dict(row) for row in part]


def _text(value: Any, column_type: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat() + ("+00:00" if value.tzinfo is None else "")
    if isinstance(column_type, JSON) and value is not None:
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(table: Table, rows: Iterator[list[dict[str, Any]]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for part in rows:
            for row in part:
                out = {k: _text(v, None) for k, v in row.items()}  # JSON columns stay objects here
                f.write(json.dumps(out, ensure_ascii=False) + "\n")
                n += 1
    return n


def write_csv(table: Table, rows: Iterator[list[dict[str, Any]]], path: Path) -> int:
    n = 0
    types = {c.name: c.type for c in table.columns}
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(types))
        writer.writeheader()
        for part in rows:
            writer.writerows({k: _text(v, types[k]) for k, v in row.items()} for row in part)
            n += len(part)
    return n


def arrow_schema(table: Table) -> Any:
    import pyarrow as pa

    def arrow_type(column_type: Any) -> Any:
        if isinstance(column_type, Boolean):
            return pa.bool_()
        if isinstance(column_type, Integer):
            return pa.int64()
        if isinstance(column_type, Float):
            return pa.float64()
        if isinstance(column_type, DateTime):
            return pa.timestamp("us", tz="UTC")
        return pa.string()

    return pa.schema([(c.name, arrow_type(c.type)) for c in table.columns])


def write_parquet(table: Table, rows: Iterator[list[dict[str, Any]]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    types = {c.name: c.type for c in table.columns}
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for part in rows:
            columns = {name: [_parquet_value(row[name], types[name]) for row in part] for name in schema.names}
            writer.write_table(pa.table(columns, schema=schema))
            n += len(part)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def _parquet_value(value: Any, column_type: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return _text(value, column_type)
