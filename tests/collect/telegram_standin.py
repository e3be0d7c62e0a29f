"""An in-process stand-in for the two calls of `telethon.TelegramClient` the collector makes.

It serves real `telethon.tl.types` objects built by the tests and follows Telethon's documented
`iter_messages` semantics for the arguments the collector passes (`reverse`, `min_id`, `max_id`,
`offset_date`, `limit`); errors are Telethon's own classes. Only the network is absent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telethon import errors
from telethon.tl import types

BASE = datetime(2024, 11, 26, 9, 0, tzinfo=UTC)


def channel(cid: int, title: str, username: str) -> types.Channel:
    return types.Channel(id=cid, title=title, photo=types.ChatPhotoEmpty(), date=BASE, broadcast=True,
                         username=username, access_hash=1)


def post(cid: int, mid: int, text: str, **kwargs: Any) -> types.Message:
    kwargs.setdefault("date", BASE + timedelta(minutes=mid))
    return types.Message(id=mid, peer_id=types.PeerChannel(cid), message=text, post=True, **kwargs)


@dataclass
class StandIn:
    channels: dict[str, types.Channel] = field(default_factory=dict)  # "@username" → channel
    history: dict[int, list[types.Message]] = field(default_factory=dict)  # channel id → messages
    private: set[str] = field(default_factory=set)
    flood_after: int | None = None  # raise one FloodWaitError after this many messages served
    flood_seconds: int = 7
    calls: list[dict[str, Any]] = field(default_factory=list)
    served: int = 0

    async def __aenter__(self) -> StandIn:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    def add(self, chan: types.Channel, messages: list[types.Message]) -> None:
        self.channels["@" + chan.username] = chan
        self.history.setdefault(chan.id, []).extend(messages)

    async def get_entity(self, ref: Any) -> types.Channel:
        if ref in self.private:
            raise errors.ChannelPrivateError(request=None)
        if ref not in self.channels:
            raise errors.UsernameNotOccupiedError(request=None)
        return self.channels[ref]

    async def iter_messages(self, entity: types.Channel, *, reverse: bool = False, min_id: int = 0,
                            max_id: int = 0, offset_date: datetime | None = None,
                            limit: int | None = None) -> AsyncIterator[types.Message]:
        self.calls.append({"min_id": min_id, "max_id": max_id, "offset_date": offset_date, "limit": limit})
        found = [m for m in self.history.get(entity.id, []) if m.id > min_id and (not max_id or m.id < max_id)]
        if offset_date is not None:  # reverse: messages after the date; else before it
            found = [m for m in found if (m.date > offset_date if reverse else m.date < offset_date)]
        found.sort(key=lambda m: m.id, reverse=not reverse)
        for m in found[:limit] if limit is not None else found:
            if self.flood_after is not None and self.served >= self.flood_after:
                self.flood_after = None
                raise errors.FloodWaitError(request=None, capture=self.flood_seconds)
            self.served += 1
            yield m
