"""`sverka export`: tables as JSONL, CSV or Parquet files in a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from sverka.cli.errors import reported_errors

err = Console(stderr=True)
TABLES_HELP = ("Comma-separated tables (default: documents, channels, revisions, entities, mentions, times, "
               "claims, sentiment, links, rejects; also analyses, events, ingest_runs).")


def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write <table>.<format> files into.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv | parquet")] = "jsonl",
    tables: Annotated[str | None, typer.Option(help=TABLES_HELP)] = None,
    db: Annotated[str | None, typer.Option(help="Database URL or SQLite file.")] = None,
) -> None:
    """Export documents, entities, mentions, times, claims ... for pandas, R or a spreadsheet."""
    from sverka.export import export as run_export
    from sverka.store import Store

    names = [n.strip() for n in tables.split(",") if n.strip()] if tables else None
    with reported_errors():
        counts = run_export(Store(db), out, fmt, names)
    for name, n in counts.items():
        err.print(f"{n:>8} {escape(str(out / f'{name}.{fmt}'))}")
