"""`sverka search`: documents by lemma ("Путина" finds "Путину") with filters and highlighted snippets."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from sverka.cli.errors import reported_errors

out = Console()
err = Console(stderr=True)


def search(
    query: Annotated[str, typer.Argument(help="Words to find in any form; every word must occur.")] = "",
    channel: Annotated[str | None, typer.Option(help="Channel name, @username or id.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date or ISO time (UTC).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (inclusive) or ISO time.")] = None,
    entity: Annotated[str | None, typer.Option(help="Documents naming this entity (full or last name).")] = None,
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    db: Annotated[str | None, typer.Option(help="Database URL or SQLite file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json | jsonl")] = "text",
) -> None:
    """Search the stored documents, newest first."""
    from sverka.store import Store

    with reported_errors():
        page = Store(db).documents(query or None, channel=channel, since=since, until=until, entity=entity,
                                   limit=limit)
    if fmt == "json":
        sys.stdout.write(json.dumps(page.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "jsonl":
        for item in page.items:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        return
    for item in page.items:
        when = (item["published"] or "")[:16].replace("T", " ")
        out.print(f"[bold]{escape(item['channel'] or '')}[/]  {when}  [dim]{escape(item['id'])}[/]")
        out.print(highlighted(item["snippet"], item["highlights"]))
        out.print()
    err.print(f"{page.total} document(s)" + (f", showing {len(page.items)}" if page.total > len(page.items) else ""))


def highlighted(snippet: str, spans: list[list[int]]) -> Text:
    text = Text(" ".join(snippet.split("\n")))  # one line per result; offsets are unchanged
    for start, end in spans:
        text.stylize("bold reverse", start, end)
    return text
