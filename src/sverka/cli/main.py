"""The `sverka` command: one module per command group, registered here."""

from __future__ import annotations

import sys

import typer

from sverka.cli import analyze as analyze_cmd
from sverka.cli import claims as claims_cmd
from sverka.cli import collect as collect_cmd
from sverka.cli import export as export_cmd
from sverka.cli import ingest as ingest_cmd
from sverka.cli import link as link_cmd
from sverka.cli import search as search_cmd
from sverka.cli import serve as serve_cmd
from sverka.cli import stance as stance_cmd
from sverka.cli import stats as stats_cmd

app = typer.Typer(
    name="sverka",
    help="Cross-check Russian-language political posts and news: entities, dates, claims, stance, links.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    """Cross-check Russian-language political posts and news: entities, dates, claims, stance, links."""
    if version:
        from sverka import __version__

        typer.echo(__version__)
        raise typer.Exit()


app.command("analyze")(analyze_cmd.analyze)
app.command("ingest")(ingest_cmd.ingest)
app.command("search")(search_cmd.search)
app.command("export")(export_cmd.export)
app.command("stats")(stats_cmd.stats)
app.command("serve")(serve_cmd.serve)
app.command("claims")(claims_cmd.claims)
app.command("stance")(stance_cmd.stance)
for _name in ("login", "collect", "watch"):
    app.command(_name)(getattr(collect_cmd, _name))
for _name in ("link", "stories", "story", "duplicates", "entity", "claim", "sources", "graph"):
    app.command(_name)(getattr(link_cmd, _name))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
