"""Walk Telegram channels' history with a Telethon client and write what is new as reader records.

    result = collect(["@rian_ru"], db="sqlite:///sverka.db", client=make_client(...))

Per channel: resolve it (`get_entity`), find the last stored message id (`state.py`), then iterate
the history oldest → newest from there (`iter_messages(reverse=True, min_id=…)`), writing each
message as one JSON line of `<archive>/<channel id>/<run time>.jsonl` as it arrives. A FloodWait is
honoured (sleep for as long as Telegram asks, then go on after the last message received); a
channel that is private, renamed or gone is a reject for that channel and the others go on. The
files then go through the ordinary ingest, so a re-run adds nothing and an edit becomes a revision.
With `edits_since`, messages edited after that time among those already stored are fetched again.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sverka.collect.records import message_record
from sverka.collect.state import last_message_id
from sverka.readers.common import channel_key
from sverka.store import Store

MAX_FLOOD_WAITS = 20  # per channel and run: past that the channel is left for the next run


class TelegramClientLike(Protocol):
    """The part of `telethon.TelegramClient` the collector uses."""

    async def get_entity(self, entity: Any) -> Any: ...

    def iter_messages(self, entity: Any, **kwargs: Any) -> Any: ...


@dataclass
class ChannelResult:
    ref: str
    channel_id: str | None = None  # tg:<bare id>
    name: str | None = None
    username: str | None = None
    fetched: int = 0
    edited: int = 0
    after_id: int | None = None
    last_message_id: int | None = None
    waited: float = 0.0  # seconds slept on FloodWait
    error: str | None = None
    file: Path | None = None

    def note(self) -> dict[str, Any]:
        return {"channel_id": self.channel_id, "name": self.name, "ref": self.ref,
                "last_message_id": self.last_message_id, "fetched": self.fetched}


@dataclass
class CollectOptions:
    since: datetime | None = None  # a channel never collected before starts here (default: its whole history)
    edits_since: datetime | None = None  # re-read stored messages edited after this
    limit: int | None = None  # at most this many new messages per channel and run
    media_meta: bool = False
    full: bool = False  # ignore what is stored and walk the history again from `since`


@dataclass
class CollectResult:
    channels: list[ChannelResult] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [c.file for c in self.channels if c.file is not None]

    def notes(self) -> list[dict[str, Any]]:
        return [c.note() for c in self.channels if c.error is None]


Sleep = Callable[[float], Awaitable[None]]
Progress = Callable[[ChannelResult, str], None]


async def collect_channels(
    client: TelegramClientLike, refs: list[str], store: Store, archive: Path, opts: CollectOptions,
    *, sleep: Sleep = asyncio.sleep, progress: Progress | None = None,
) -> CollectResult:
    """Collect each channel in turn into `archive`; what is new is in the result's files."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    result = CollectResult()
    for ref in refs:
        channel = ChannelResult(ref=ref)
        result.channels.append(channel)
        try:
            await _collect_one(client, channel, store, archive, stamp, opts, sleep, progress)
        except Exception as exc:
            channel.error = _reason(exc)
        if progress:
            progress(channel, "done")
    return result


async def _collect_one(
    client: TelegramClientLike, channel: ChannelResult, store: Store, archive: Path, stamp: str,
    opts: CollectOptions, sleep: Sleep, progress: Progress | None,
) -> None:
    entity = await _resolve(client, channel)
    if entity is None:
        return
    key = channel_key(entity.id)
    channel.channel_id = f"tg:{key}"
    channel.after_id = None if opts.full else last_message_id(store.engine, key)
    channel.last_message_id = channel.after_id
    path = archive / key / f"{stamp}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        def write(message: Any) -> None:
            record = message_record(message, channel.name, channel.username, opts.media_meta)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()  # a run killed now keeps every message it received

        await _walk_new(client, entity, channel, opts, sleep, progress, write)
        if opts.edits_since is not None and channel.after_id is not None:
            await _walk_edits(client, entity, channel, opts, sleep, progress, write)
    if channel.fetched or channel.edited:
        channel.file = path
    else:
        path.unlink()


async def _resolve(client: TelegramClientLike, channel: ChannelResult) -> Any:
    entity = await client.get_entity(channel.ref)
    if not hasattr(entity, "broadcast") and not hasattr(entity, "megagroup"):
        channel.error = "not a channel or group (a user account?)"
        return None
    channel.name = getattr(entity, "title", None)
    channel.username = getattr(entity, "username", None)
    return entity


async def _walk_new(
    client: TelegramClientLike, entity: Any, channel: ChannelResult, opts: CollectOptions, sleep: Sleep,
    progress: Progress | None, write: Callable[[Any], None],
) -> None:
    """New messages, oldest first, from after the last stored one (or from `since`)."""
    waits = 0
    while True:
        after = channel.last_message_id or 0
        kwargs: dict[str, Any] = {"reverse": True, "min_id": after}
        if not after and opts.since is not None:
            kwargs["offset_date"] = opts.since
        if opts.limit is not None:
            kwargs["limit"] = max(0, opts.limit - channel.fetched)
            if not kwargs["limit"]:
                return
        try:
            async for message in client.iter_messages(entity, **kwargs):
                if message.id <= after:
                    continue  # a resumed walk never writes a message twice
                write(message)
                channel.fetched += 1
                channel.last_message_id = message.id
                if progress:
                    progress(channel, "message")
            return
        except Exception as exc:
            waits = await _flood_wait(exc, waits, channel, sleep, progress)


async def _walk_edits(
    client: TelegramClientLike, entity: Any, channel: ChannelResult, opts: CollectOptions, sleep: Sleep,
    progress: Progress | None, write: Callable[[Any], None],
) -> None:
    """Stored messages posted since `edits_since` are read again; those with an edit date are written.

    The Telegram API has no "edited since" query: a watch re-reads the posts of its last span (a day
    by default), where channels make their edits; the ingest keeps a changed text as a revision."""
    waits, last_seen = 0, 0
    stop = (channel.after_id or 0) + 1
    while True:
        kwargs: dict[str, Any] = {"reverse": True, "max_id": stop, "min_id": last_seen}
        if not last_seen:
            kwargs["offset_date"] = opts.edits_since
        try:
            async for message in client.iter_messages(entity, **kwargs):
                last_seen = message.id
                edited = getattr(message, "edit_date", None)
                if edited is not None:
                    write(message)
                    channel.edited += 1
            return
        except Exception as exc:
            waits = await _flood_wait(exc, waits, channel, sleep, progress)


async def _flood_wait(exc: Exception, waits: int, channel: ChannelResult, sleep: Sleep,
                      progress: Progress | None) -> int:
    """Sleep out a FloodWait (and go on); re-raise anything else."""
    seconds = getattr(exc, "seconds", None)
    if type(exc).__name__ not in {"FloodWaitError", "FloodPremiumWaitError"} or not isinstance(seconds, int):
        raise exc
    if waits >= MAX_FLOOD_WAITS:
        raise exc
    channel.waited += seconds
    if progress:
        progress(channel, f"FloodWait: Telegram asks to wait {seconds} s")
    await sleep(seconds + 1)
    return waits + 1


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    known = {
        "ChannelPrivateError": "the channel is private, or you were banned from it",
        "UsernameNotOccupiedError": "no channel has this username (renamed or deleted?)",
        "UsernameInvalidError": "not a valid username",
        "ChannelInvalidError": "the channel is invalid or gone",
        "FloodWaitError": "Telegram keeps asking to wait; try again later",
    }
    return known.get(name) or f"{name}: {str(exc).splitlines()[0][:200] if str(exc) else 'no message'}"
