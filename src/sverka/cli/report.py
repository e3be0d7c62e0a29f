"""The readable report of one analysis (rich tables), printed by `sverka analyze`."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sverka.doc import Analysis

# A terminal gets its own width; a pipe or a log file gets room for the tables instead of 80 columns.
console = Console(width=None if sys.stdout.isatty() else 140)


def print_report(analysis: Analysis, out: Console | None = None) -> None:
    out = out or console
    published = analysis.published.date().isoformat() if analysis.published else "unknown (relative dates unresolved)"
    lang = analysis.lang + ("" if analysis.lang_supported else " (not Russian: analysed as far as the models allow)")
    out.rule(f"[bold]{escape(analysis.id)}[/]")
    out.print(f"published: {published}   language: {lang}   characters: {len(analysis.text)}")
    out.print(entities_table(analysis))
    out.print(times_table(analysis))
    if analysis.claims:
        out.print(claims_table(analysis))
    if analysis.sentiment:
        out.print(sentiment_table(analysis))
    for signal in analysis.signals:
        name, why = escape(str(signal.get("name", ""))), escape(str(signal.get("explanation", "")))
        out.print(f"[bold]signal[/] {name}: {why}")
    for problem in analysis.problems:
        out.print(f"[yellow]problem in {problem.stage}:[/] {escape(problem.message)}")


def entities_table(analysis: Analysis) -> Table:
    table = Table(title=f"Entities ({len(analysis.entities)})", title_justify="left")
    table.add_column("name", no_wrap=True)
    for col in ("type", "country", "roles", "mentions"):
        table.add_column(col)
    for e in sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.name)):
        forms = sorted({m.text for m in e.mentions})
        table.add_row(
            escape(e.name), e.type, e.country or "", escape("; ".join(e.roles)),
            f"{len(e.mentions)}: " + escape(", ".join(forms)),
        )
    return table


def times_table(analysis: Analysis) -> Table:
    table = Table(title=f"Time expressions ({len(analysis.times)})", title_justify="left")
    table.add_column("text")
    table.add_column("value", no_wrap=True)
    for col in ("granularity", "at"):
        table.add_column(col)
    for t in analysis.times:
        table.add_row(escape(t.text), _value(t.value), t.granularity, f"{t.start}–{t.end}")
    return table


def claims_table(analysis: Analysis) -> Table:
    table = Table(title=f"Claims ({len(analysis.claims)})", title_justify="left", show_lines=True)
    for col in ("#", "claim", "type", "speaker", "sourcing", "insider", "check"):
        table.add_column(col)
    for i, c in enumerate(analysis.claims, 1):
        speaker = c.get("speaker")
        entity = analysis.entity(speaker) if isinstance(speaker, str) else None
        table.add_row(
            str(i), escape(_short(c.get("text", ""))), str(c.get("type", "")),
            escape(entity.name if entity else str(speaker or "—")), str(c.get("sourcing", "")),
            "yes" if c.get("insider") else "", f"{float(c.get('checkworthiness') or 0):.2f}",
        )
    return table


def sentiment_table(analysis: Analysis) -> Table:
    table = Table(title="Author's stance toward entities", title_justify="left")
    for col in ("entity", "label", "score"):
        table.add_column(col)
    for s in analysis.sentiment:
        entity = analysis.entity(str(s.get("entity")))
        table.add_row(escape(entity.name if entity else str(s.get("entity"))), str(s.get("label")),
                      f"{float(s.get('score') or 0):.2f}")
    return table


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return f"{value.get('start')} … {value.get('end')}"
    return json.dumps(value, ensure_ascii=False).strip('"')


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
