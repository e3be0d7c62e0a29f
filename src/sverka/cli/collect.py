"""`sverka login`, `sverka collect`, `sverka watch`: a live corpus from Telegram under your account."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sverka.cli.errors import reported_errors
from sverka.errors import ConfigError

err = Console(stderr=True)
out = Console()

Db = Annotated[str | None, typer.Option(help="Database URL or SQLite file (default: $SVERKA_DB).")]
Session = Annotated[Path | None, typer.Option(help="Telethon session file (default: $SVERKA_TG_SESSION or "
                                                   "~/.config/sverka/telegram.session).")]
Archive = Annotated[Path, typer.Option(help="Folder the collected records are kept in, one JSONL per channel "
                                            "and run (re-ingestable with `sverka ingest`).")]
MediaMeta = Annotated[bool, typer.Option("--media-meta", help="Record media type, MIME type, size, duration "
                                                             "(files are never downloaded).")]
Since = Annotated[str | None, typer.Option(help="A channel never collected before starts at this date (ISO); "
                                                "default: its whole history.")]
DURATION = re.compile(r"(\d+)\s*([smhd])")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def login(
    session: Session = None,
    api_id: Annotated[int | None, typer.Option(help="api_id from my.telegram.org (or $SVERKA_TG_API_ID).")] = None,
    api_hash: Annotated[str | None, typer.Option(help="api_hash (or $SVERKA_TG_API_HASH); asked for if missing.",
                                                 hide_input=True)] = None,
) -> None:
    """Log in to Telegram once: api_id/api_hash and the code Telegram sends → a session file."""
    from sverka.collect.session import credentials, make_client, session_path

    with reported_errors():
        if api_hash is None and api_id is not None:
            api_hash = typer.prompt("api_hash", hide_input=True)
        ident, secret = credentials(api_id, api_hash)
        path = session_path(session)
        client = make_client(path, ident, secret)
        client.start()  # asks for the phone number, the code, and the 2FA password if one is set
        me = client.get_me()
        client.disconnect()
        path.chmod(0o600)
    err.print(f"logged in as {escape(getattr(me, 'username', None) or str(getattr(me, 'id', '?')))}; "
              f"session saved to {escape(str(path))} (keep it private: it is your account's authorisation)")


def collect(
    channels: Annotated[list[str], typer.Argument(help="Channels: @name, t.me/name or a numeric id.")],
    db: Db = None,
    since: Since = None,
    limit: Annotated[int | None, typer.Option(help="At most this many new posts per channel.", min=1)] = None,
    media_meta: MediaMeta = False,
    full: Annotated[bool, typer.Option("--full", help="Walk the history again, not only what is new.")] = False,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Store and index for search only.")] = False,
    session: Session = None,
    archive: Archive = Path("collected"),
) -> None:
    """Collect channels' history into the database: resumable, only what is new on a re-run."""
    from sverka.collect.collector import CollectOptions
    from sverka.collect.run import channel_ref

    opts = CollectOptions(since=_date(since), limit=limit, media_meta=media_meta, full=full)
    code = _round([channel_ref(c) for c in channels], db, session, archive, opts, not no_analyze, link=False)
    raise typer.Exit(code)


def watch(
    watchlist: Annotated[Path, typer.Argument(help="A file of channels, one per line (# comments).", exists=True,
                                              dir_okay=False)],
    db: Db = None,
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 10m, 1h.")] = "10m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron).")] = False,
    edits: Annotated[str, typer.Option(help="Re-read posts of this last span for edits: 1d, 12h; 0 for none.")] = "1d",
    since: Since = None,
    media_meta: MediaMeta = False,
    no_link: Annotated[bool, typer.Option("--no-link", help="Do not link after each round.")] = False,
    session: Session = None,
    archive: Archive = Path("collected"),
) -> None:
    """Keep a watchlist current: collect new posts and edits, ingest, analyse and link them, on a schedule."""
    from sverka.collect.collector import CollectOptions
    from sverka.collect.run import read_watchlist

    with reported_errors():
        pause, window = _duration(every, "--every"), _duration(edits, "--edits")
        if pause < 1:
            raise ConfigError("--every must be at least 1s")
    while True:
        refs = read_watchlist(watchlist)  # re-read each round: edit the list while it runs
        edits_since = datetime.now(UTC) - timedelta(seconds=window) if window else None
        opts = CollectOptions(since=_date(since), edits_since=edits_since, media_meta=media_meta)
        code = _round(refs, db, session, archive, opts, True, link=not no_link)
        if once:
            raise typer.Exit(code)
        err.print(f"next round in {every} (Ctrl-C to stop)")
        time.sleep(pause)


def _round(refs: list[str], db: str | None, session: Path | None, archive: Path, opts: object, analyse: bool,
           link: bool) -> int:
    from sverka.collect.collector import ChannelResult
    from sverka.collect.run import collect_round
    from sverka.collect.session import credentials, make_client, session_path

    def progress(channel: ChannelResult, what: str) -> None:
        if what == "done":
            status = f"[red]rejected[/] {escape(channel.error)}" if channel.error else \
                f"{channel.fetched} new, {channel.edited} edited"
            err.print(f"{escape(channel.ref)}: {status}")
        elif what != "message":
            err.print(f"{escape(channel.ref)}: {escape(what)} — sleeping, then going on")
        elif channel.fetched % 500 == 0:
            err.print(f"{escape(channel.ref)}: {channel.fetched} posts so far (up to id {channel.last_message_id})")

    with reported_errors():
        path = session_path(session)
        if not path.exists():
            raise ConfigError(f"no Telegram session at {path}: run `sverka login` first")
        client = make_client(path, *credentials())
        result = collect_round(client, refs, db=db, archive=archive, opts=opts,  # type: ignore[arg-type]
                               analyse=analyse, link=link, progress=progress)
    out.print(round_table(result))
    rejected = [c for c in result.collected.channels if c.error]
    return 1 if rejected or result.ingested.rejects else 0


def round_table(result: object) -> Table:
    table = Table(title="collected", title_justify="left")
    for name, justify in (("channel", "left"), ("new", "right"), ("edited", "right"), ("up to id", "right"),
                          ("waited s", "right"), ("status", "left")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for c in result.collected.channels:  # type: ignore[attr-defined]
        table.add_row(escape(c.name or c.ref), str(c.fetched), str(c.edited), str(c.last_message_id or ""),
                      f"{c.waited:.0f}", escape(c.error) if c.error else "ok")
    return table


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not an ISO date such as 2024-11-01") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _duration(value: str, option: str) -> int:
    text = value.strip().lower()
    if text == "0":
        return 0
    parts = DURATION.findall(text)
    if not parts or DURATION.sub("", text).strip():
        raise ConfigError(f"{option} {value!r}: use a duration such as 30s, 10m, 2h or 1d")
    return sum(int(n) * UNITS[u] for n, u in parts)
