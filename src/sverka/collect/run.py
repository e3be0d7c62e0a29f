"""One collection round: collect the channels, ingest what came, optionally link it.

`sverka collect` runs one round; `sverka watch` runs one every `--every` (or once, for cron).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sverka.collect.collector import (
    CollectOptions,
    CollectResult,
    Progress,
    Sleep,
    TelegramClientLike,
    collect_channels,
)
from sverka.ingest import IngestResult, ingest
from sverka.store import Store


@dataclass
class RoundResult:
    collected: CollectResult
    ingested: IngestResult
    linked: int | None = None  # documents newly linked, when linking was asked for


def collect_round(
    client: TelegramClientLike, refs: list[str], *, db: str | None, archive: Path, opts: CollectOptions,
    analyse: bool = True, link: bool = False, workers: int | None = None, progress: Progress | None = None,
    sleep: Sleep | None = None,
) -> RoundResult:
    """Collect `refs` with `client` (connected here), ingest the new records into `db`, link if asked."""
    store = Store(db)
    try:
        collected = asyncio.run(_collect(client, refs, store, archive, opts, progress, sleep))
    finally:
        store.close()
    note: dict[str, Any] = {"collected": collected.notes()}
    ingested = ingest(collected.files, db=db, fmt="telethon", analyse=analyse, workers=workers, run_note=note)
    linked = None
    if link:
        from sverka.link.storage import link_store

        store = Store(db)
        try:
            _, linked = link_store(store.engine, False, None)
        finally:
            store.close()
    return RoundResult(collected, ingested, linked)


async def _collect(client: TelegramClientLike, refs: list[str], store: Store, archive: Path, opts: CollectOptions,
                   progress: Progress | None, sleep: Sleep | None) -> CollectResult:
    async with client:  # type: ignore[attr-defined]  # TelegramClient connects here
        return await collect_channels(client, refs, store, archive, opts, progress=progress,
                                      **({"sleep": sleep} if sleep else {}))


def read_watchlist(path: Path) -> list[str]:
    """Channel references of a watchlist file: one per line (`@name`, `t.me/name` or an id); `#` comments."""
    refs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        ref = line.split("#", 1)[0].strip()
        if ref:
            refs.append(channel_ref(ref))
    return refs


def channel_ref(ref: str) -> str:
    """`https://t.me/name`, `t.me/s/name` and `@name` as `name`-style references Telethon resolves."""
    ref = ref.strip()
    for prefix in ("https://", "http://"):
        ref = ref.removeprefix(prefix)
    for prefix in ("t.me/s/", "t.me/", "telegram.me/"):
        if ref.startswith(prefix):
            ref = "@" + ref[len(prefix):].split("/", 1)[0]
    return ref
