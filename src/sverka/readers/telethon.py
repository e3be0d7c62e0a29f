"""Telethon-style dumps of channel posts: a JSON array or JSONL of one object per message.

The shape of `samples/telegram/nktkln_*` — `{"message_id", "sender_id", "text", "date", "channel"}` —
and the common variants of Telethon's `Message.to_dict()` (`id`, `message`, `peer_id.channel_id`,
`views`, `forwards`, `reply_to.reply_to_msg_id`, `edit_date`, `post_author`, `media`), as
`sverka collect` writes them. A `text` is Telethon's Markdown rendering (`**bold**`, `[label](url)`):
it becomes plain text with the links kept in `meta["links"]` (`markdown.py`); a raw `message` with
its `entities` (`Message.to_json()`) keeps its text and takes the links from the entities (`telethon_parts.py`). Ids are
`tg:<channel key>:<message id>` with the key from `common.channel_key`, so a dump and a desktop
export of the same channel give the same ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sverka.doc import Document
from sverka.readers.base import Reject
from sverka.readers.common import Options, bare_id, channel_key, make_document, reject, telegram_id
from sverka.readers.dates import parse_time
from sverka.readers.lines import json_records
from sverka.readers.markdown import strip_markdown
from sverka.readers.telethon_parts import entity_links, media_summary

NAME = "telethon"
TEXT_KEYS = ("text", "message", "raw_text")
NAME_KEYS = ("channel", "channel_title", "chat", "chat_title")


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    for item in json_records(path):
        if isinstance(item, Reject):
            yield item
            continue
        position, record = item
        try:
            doc = read_record(path, position, record, opts)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            yield reject(path, position, f"malformed post: {exc}", record)
            continue
        if doc is not None:
            yield doc


def looks_like(record: Any) -> bool:
    """A Telethon post rather than a generic JSONL record."""
    return (
        isinstance(record, dict)
        and ("message_id" in record or "peer_id" in record)
        and any(k in record for k in (*TEXT_KEYS, "media"))
    )


def read_record(path: Path, position: str, record: dict[str, Any], opts: Options) -> Document | Reject | None:
    mid = record.get("message_id", record.get("id"))
    if isinstance(mid, str) and mid.isdigit():
        mid = int(mid)
    if isinstance(mid, bool) or not isinstance(mid, int):
        return reject(path, position, f"post without a numeric message id ({mid!r})", record)
    text_key = next((k for k in TEXT_KEYS if isinstance(record.get(k), str)), None)
    text = record[text_key] if text_key else ""
    if not text.strip():
        opts.stats.skip("no_text")
        return None
    name = next((record[k] for k in NAME_KEYS if isinstance(record.get(k), str)), None)
    digits = channel_digits(record)
    key = channel_key(digits, name)
    published, ambiguous = parse_time(record.get("date"), opts.tz)
    meta = post_meta(record, name, key, digits, mid, opts)
    if text_key == "message" and isinstance(record.get("entities"), list):
        meta["links"] = entity_links(text, record["entities"])  # `to_json()`: raw text, formatting apart
    else:
        text, meta["links"] = strip_markdown(text)
    if ambiguous:
        meta["time_ambiguous"] = True
    url = f"https://t.me/c/{digits}/{mid}" if digits else None
    return make_document(
        path, position, NAME, telegram_id(key, mid), text, opts, meta, published=published, source=name, url=url
    )


def channel_digits(record: dict[str, Any]) -> str | None:
    peer = record.get("peer_id")
    if isinstance(peer, dict):
        peer = peer.get("channel_id") or peer.get("chat_id")
    for value in (peer, record.get("channel_id"), record.get("chat_id")):
        if bare_id(value):
            return bare_id(value)
    sender = str(record.get("sender_id", ""))
    return bare_id(sender) if sender.startswith("-") else None  # a positive sender is a user


def post_meta(
    record: dict[str, Any], name: str | None, key: str, digits: str | None, mid: int, opts: Options
) -> dict[str, Any]:
    meta: dict[str, Any] = {"channel": name, "channel_key": key, "message_id": mid}
    if digits:
        meta["channel_id"] = digits
    pairs = (("views", "views"), ("forwards", "forwards"), ("post_author", "author"), ("category", "category"),
             ("channel_username", "channel_username"))
    for src, dst in pairs:
        if record.get(src) is not None:
            meta[dst] = record[src]
    reply = record.get("reply_to")
    reply = reply.get("reply_to_msg_id") if isinstance(reply, dict) else record.get("reply_to_msg_id", reply)
    if isinstance(reply, int) and not isinstance(reply, bool):
        meta["reply_to"] = reply
    edited, _ = parse_time(record.get("edit_date"), opts.tz)
    if edited is not None:
        meta["edited"] = edited.isoformat()
    meta.update(forward_meta(record.get("fwd_from")))
    media = media_summary(record.get("media"))
    if media:
        meta["media"] = media
    reactions = read_reactions(record.get("reactions"))
    if reactions:
        meta["reactions"] = reactions
    return meta


def forward_meta(fwd: Any) -> dict[str, Any]:
    """Telethon's `fwd_from`: `from_name` when the origin hides, else the origin's peer id."""
    if not isinstance(fwd, dict):
        return {}
    origin = fwd.get("from_id")
    if isinstance(origin, dict):
        origin = origin.get("channel_id") or origin.get("user_id") or origin.get("chat_id")
    meta: dict[str, Any] = {}
    if isinstance(fwd.get("from_name"), str):
        meta["forwarded_from"] = fwd["from_name"]
    if bare_id(origin):
        meta["forwarded_from_id"] = bare_id(origin)
    return meta


def read_reactions(value: Any) -> dict[str, int]:
    """`{"results": [{"reaction": {"emoticon": "👍"}, "count": 5}]}` as `{"👍": 5}`, like the export reader."""
    results = value.get("results") if isinstance(value, dict) else None
    counts: dict[str, int] = {}
    for item in results if isinstance(results, list) else []:
        reaction = item.get("reaction") if isinstance(item, dict) else None
        if not isinstance(reaction, dict) or not isinstance(item.get("count"), int):
            continue
        label = reaction.get("emoticon") or (
            f"custom:{reaction['document_id']}" if reaction.get("document_id") else "other"
        )
        counts[str(label)] = counts.get(str(label), 0) + item["count"]
    return counts
