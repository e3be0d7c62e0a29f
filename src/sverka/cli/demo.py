"""`sverka demo`: the main job end to end on the bundled samples, for a first look."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..api import analyze_docs
from ..config import REPO_DIR, shared_dir
from ..doc import Document
from ..readers import read
from .report import print_report

console = Console()
SEED_PUBLISHED = datetime(2022, 1, 10)


def demo(
    samples: Annotated[
        Path | None, typer.Option(help="Folder of Telethon-style channel dumps (default: the bundled examples).")
    ] = None,
) -> None:
    """Analyse the seed post and the bundled channel samples, and print what sverka finds."""
    seed = shared_dir() / "examples" / "seed.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        console.print(f"[bold]1. One post[/]: {seed.name}, published {SEED_PUBLISHED.date()}")
        analysis = next(analyze_docs([Document(id=seed.name, text=text, published=SEED_PUBLISHED)]))
        print_report(analysis, console)
    folder = samples or REPO_DIR / "examples" / "telegram" / "nktkln_channels_2024-11-26"
    docs = [d for d in read(folder) if isinstance(d, Document)]
    console.print(f"\n[bold]2. A corpus[/]: {len(docs)} posts from {folder}")
    started = time.perf_counter()
    analyses = list(analyze_docs(docs, stages=["entities", "times"]))
    elapsed = time.perf_counter() - started
    console.print(f"analysed {len(analyses)} posts in {elapsed:.1f} s ({len(analyses) / elapsed:.0f} posts/s)")
    console.print(_top_entities(analyses))


def _top_entities(analyses: list) -> Table:
    posts: Counter[str] = Counter()
    channels: dict[str, set[str]] = {}
    for a in analyses:
        for e in a.entities:
            posts[e.id] += 1
            channels.setdefault(e.id, set()).add(a.source or "")
    table = Table(title="Entities across posts (merged by canonical name)", title_justify="left")
    for col in ("entity", "type", "posts", "channels"):
        table.add_column(col)
    for eid, n in posts.most_common(15):
        typ, name = eid.split(":", 1)
        table.add_row(name, typ, str(n), str(len(channels[eid])))
    return table
