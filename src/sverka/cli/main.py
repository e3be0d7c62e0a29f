"""The `sverka` command: one module per command group, registered here."""

from __future__ import annotations

import sys

import typer

from . import analyze as analyze_cmd

app = typer.Typer(
    name="sverka",
    help="Cross-check Russian-language political posts and news: entities, dates, claims, stance, links.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("analyze")(analyze_cmd.analyze)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
