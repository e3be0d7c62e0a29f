"""`sverka ingest`: files, export folders and feeds into the database, with progress and a summary."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from sverka.cli.errors import reported_errors
from sverka.errors import ConfigError

err = Console(stderr=True)
MAX_REJECTS_SHOWN = 30


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} docs/s" if task.speed else "… docs/s", style="progress.data.speed")


def parse_mapping(value: str | None) -> dict[str, str] | None:
    """`text=body,published=time` → {"text": "body", "published": "time"}."""
    if not value:
        return None
    pairs = [p.strip() for p in value.split(",") if p.strip()]
    if not all("=" in p for p in pairs):
        raise ConfigError(f"--map {value!r}: use field=column pairs separated by commas, e.g. text=body,published=time")
    return {k.strip(): v.strip() for k, v in (p.split("=", 1) for p in pairs)}


def check_stages(stages: list[str] | None) -> None:
    """Fail before reading anything when a stage's module is not installed."""
    import importlib.util

    from sverka.pipeline import STAGES, Pipeline

    try:
        chosen = Pipeline(stages).stages
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    missing = [s.name for s in STAGES if s in chosen and importlib.util.find_spec(s.target.split(":")[0]) is None]
    if missing:
        raise ConfigError(f"stage(s) {', '.join(missing)} not available in this install; "
                          "pass --stages with the others, or --no-analyze")


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (a Telegram export, a dump folder), feed URLs.")],
    db: Annotated[str | None, typer.Option(help="Database URL or SQLite file (default: $SVERKA_DB).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Force a reader instead of sniffing each file.")] = None,
    tz: Annotated[str, typer.Option(help="Zone of local times without an offset (old Telegram exports).")] = "UTC",
    mapping: Annotated[str | None, typer.Option("--map", help="JSONL/CSV columns: text=body,published=time")] = None,
    workers: Annotated[int | None, typer.Option(help="Analysis processes (default: cores, at most 2).")] = None,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Store and index for search only.")] = False,
    stages: Annotated[str | None, typer.Option(help="Comma-separated analysis stages (default: all).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read exports, dumps, feeds and articles into the database; safe to re-run (adds only what is new)."""
    from sverka.ingest import ingest as run_ingest

    stage_list = [s.strip() for s in stages.split(",") if s.strip()] if stages else None
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err,
                        disable=quiet, transient=False)
    task = progress.add_task("ingest", total=None)
    try:
        with reported_errors():
            if not no_analyze:
                check_stages(stage_list)
            with progress:
                result = run_ingest(
                    paths, db=db, fmt=fmt, tz=tz, mapping=parse_mapping(mapping), workers=workers,
                    analyse=not no_analyze, stages=stage_list,
                    on_read=lambda total: progress.update(task, total=total),
                    on_progress=lambda n: progress.advance(task, n),
                )
    except BrokenProcessPool as exc:
        err.print("[red]error:[/] an analysis worker died (out of memory?); what was written is kept: "
                  "run the same command again to resume, perhaps with --workers 1")
        raise typer.Exit(1) from exc
    for reject in result.rejects[:MAX_REJECTS_SHOWN]:
        err.print(f"[yellow]rejected[/] {escape(str(reject))}")
    if len(result.rejects) > MAX_REJECTS_SHOWN:
        err.print(f"… and {len(result.rejects) - MAX_REJECTS_SHOWN} more rejects: see `sverka export --tables rejects`")
    for line in result.unstored[:MAX_REJECTS_SHOWN]:
        err.print(f"[red]not stored[/] {escape(line)}")
    err.print(summary_table(result.to_dict()))
    raise typer.Exit(1 if result.rejects or result.unstored else 0)


def summary_table(summary: dict) -> Table:
    table = Table(title=f"ingest run {summary['run_id']}", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("n", justify="right")
    for key in ("files", "documents", "new", "edited", "variant", "updated", "unchanged", "analysed_again",
                "analysed", "rejected"):
        if key in summary:
            table.add_row(key, str(summary[key]))
    for reason, n in sorted(summary.get("skipped", {}).items()):
        table.add_row(f"skipped: {reason}", str(n))
    seconds = summary.get("seconds") or 0
    table.add_row("seconds", f"{seconds:.1f}")
    if seconds:
        table.add_row("documents/s", f"{summary['documents'] / seconds:.1f}")
    return table
