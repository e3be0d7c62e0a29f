"""One way for every command to report sverka's errors: one line on standard error, and the exit
code 2 for a bad option or setting (ConfigError), 1 for anything else that went wrong."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from sverka.errors import ConfigError, SverkaError

err = Console(stderr=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    try:
        yield
    except ConfigError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    except SverkaError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc
