"""`sverka stats`: per channel counts, date range, rejects; `--format json` for scripts."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sverka.errors import SverkaError

out = Console()
err = Console(stderr=True)


def stats(
    db: Annotated[str | None, typer.Option(help="Database URL or SQLite file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
) -> None:
    """What is in the database: documents per channel, date range, analyses, rejects."""
    from sverka.collect.state import last_collected
    from sverka.store import Store

    try:
        store = Store(db)
        data = store.stats()
        data["collected"] = last_collected(store.engine)  # channels `sverka collect` / `watch` checked
    except SverkaError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="channels", title_justify="left")
    table.add_column("channel")
    table.add_column("documents", justify="right")
    for name, n in data["channels"].items():
        table.add_row(escape(name), str(n))
    out.print(table)
    dates = data["date_range"]
    out.print(f"documents: {data['documents']}   from {dates['first']} to {dates['last']}")
    out.print("   ".join(f"{k}: {data[k]}" for k in ("analysed", "entities", "mentions", "times", "claims",
                                                    "links", "revisions", "rejects", "ingest_runs")))
    if data["collected"]:
        seen = Table(title="collected from Telegram", title_justify="left")
        for name, justify in (("channel", "left"), ("last collected (UTC)", "left"), ("up to id", "right")):
            seen.add_column(name, justify=justify)  # type: ignore[arg-type]
        for cid, info in sorted(data["collected"].items(), key=lambda kv: kv[1]["collected"] or "", reverse=True):
            seen.add_row(escape(info.get("name") or cid), info["collected"] or "", str(info["last_message_id"] or ""))
        out.print(seen)
    if data["time_ambiguous"]:
        out.print(f"[yellow]{data['time_ambiguous']} document(s) have a local time of unknown zone (see --tz)[/]")
