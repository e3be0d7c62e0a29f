"""`sverka claims`: stored claims filtered by insider flag, channel, dates, check-worthiness, type.

    sverka claims --insider --channel "SHOT" --since 2024-11-01
    sverka claims --check-worthy 0.7 --format csv > to_check.csv

Reads the `claims` table through the store's engine (read-only), newest documents first.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from sverka.cli.errors import reported_errors

out = Console()
err = Console(stderr=True)
CSV_COLUMNS = ("id", "document_id", "channel", "published", "type", "speaker", "sourcing", "source_text",
               "insider", "checkworthiness", "reasons", "quote", "text")


def claims(
    insider: Annotated[bool, typer.Option("--insider", help="Only insider claims (closed-door, unsourced).")] = False,
    channel: Annotated[str | None, typer.Option(help="Channel name, @username or id.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date or ISO time (UTC).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (inclusive) or ISO time.")] = None,
    check_worthy: Annotated[float | None, typer.Option("--check-worthy", help="Minimum check-worthiness 0..1.")] = None,
    ctype: Annotated[str | None, typer.Option("--type", help="event | statement | opinion | prediction")] = None,
    sourcing: Annotated[str | None, typer.Option(help="named | anonymous | none")] = None,
    limit: Annotated[int, typer.Option(help="How many claims at most.")] = 200,
    db: Annotated[str | None, typer.Option(help="Database URL or SQLite file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
) -> None:
    """List stored claims: who says what, how it is sourced, how checkable it is."""
    if fmt not in ("table", "json", "csv"):
        err.print(f"[red]error:[/] --format {escape(fmt)!r}: use table, json or csv")
        raise typer.Exit(2)
    with reported_errors():
        rows = query_claims(db, insider=insider, channel=channel, since=since, until=until,
                            check_worthy=check_worthy, ctype=ctype, sourcing=sourcing, limit=limit)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        write_csv(rows)
    else:
        out.print(claims_table(rows))
        err.print(f"{len(rows)} claim(s)")


def query_claims(db: str | None = None, *, insider: bool = False, channel: str | None = None, since: Any = None,
                 until: Any = None, check_worthy: float | None = None, ctype: str | None = None,
                 sourcing: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Claims as flat dicts (the stored claim plus document id, channel and publication time)."""
    from sverka.store import Store
    from sverka.store import schema as t

    store = Store(db)
    c, d, ch = t.claims, t.documents, t.channels
    query = (select(c.c.id, c.c.document_id, c.c.data, d.c.published, ch.c.name.label("channel"))
             .join(d, d.c.id == c.c.document_id).outerjoin(ch, ch.c.id == d.c.channel_id))
    try:
        return _select(store, query, insider=insider, channel=channel, since=since, until=until,
                       check_worthy=check_worthy, ctype=ctype, sourcing=sourcing, limit=limit)
    finally:
        store.close()


def _select(store: Any, query: Any, *, insider: bool, channel: str | None, since: Any, until: Any,
            check_worthy: float | None, ctype: str | None, sourcing: str | None, limit: int) -> list[dict[str, Any]]:
    from sverka.store import schema as t
    from sverka.store.search import channel_ids, parse_when

    c, d = t.claims, t.documents
    with store.engine.connect() as conn:
        if channel:
            query = query.where(d.c.channel_id.in_(channel_ids(conn, channel)))
        if insider:
            query = query.where(c.c.insider.is_(True))
        if check_worthy is not None:
            query = query.where(c.c.checkworthiness >= check_worthy)
        if ctype:
            query = query.where(c.c.type == ctype)
        if sourcing:
            query = query.where(c.c.sourcing == sourcing)
        if (start := parse_when(since)) is not None:
            query = query.where(d.c.published >= start)
        if (end := parse_when(until, end=True)) is not None:
            query = query.where(d.c.published < end)
        query = query.order_by(d.c.published.desc(), c.c.document_id, c.c.idx).limit(limit)
        rows = conn.execute(query).mappings().all()
    return [_flat(r) for r in rows]


def _flat(row: Any) -> dict[str, Any]:
    data = dict(row["data"] or {})
    published = row["published"]
    return {
        **data,
        "id": row["id"],
        "document_id": row["document_id"],
        "channel": row["channel"],
        "published": published.isoformat() + "+00:00" if published else None,
    }


def write_csv(rows: list[dict[str, Any]]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        quote = (r.get("quote") or {}).get("text") if isinstance(r.get("quote"), dict) else None
        writer.writerow([
            r["id"], r["document_id"], r.get("channel") or "", r.get("published") or "", r.get("type"),
            r.get("speaker_name") or "", r.get("sourcing"), r.get("source_text") or "",
            "yes" if r.get("insider") else "", f"{float(r.get('checkworthiness') or 0):.2f}",
            "; ".join(r.get("checkworthiness_reasons") or []), quote or "", r.get("text") or "",
        ])


def claims_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("channel", max_width=14)
    table.add_column("published", no_wrap=True)
    table.add_column("claim", ratio=4, min_width=30)
    for col in ("type", "speaker", "sourcing", "insider", "check"):
        table.add_column(col, no_wrap=col != "speaker")
    for r in rows:
        text = r.get("text") or ""
        table.add_row(
            escape(r.get("channel") or ""), (r.get("published") or "")[:16].replace("T", " "),
            escape(text if len(text) <= 160 else text[:159] + "…"), str(r.get("type")),
            escape(r.get("speaker_name") or "—"), str(r.get("sourcing")), "yes" if r.get("insider") else "",
            f"{float(r.get('checkworthiness') or 0):.2f}",
        )
    return table
