"""Telegram Desktop "Export chat history" JSON (`result.json`), old and new layouts.

Layouts (after tdesktop's `export_output_json.cpp`):
- single chat: `{"name", "type", "id", "messages": [...]}`;
- full account: `{"about", ..., "chats": {"about", "list": [chat, ...]}, "left_chats": {...}}`.

A message's `text` is a string or a list of strings and `{"type", "text", "href"?}` parts; newer
exports add `text_entities` (always a list) and `date_unixtime`. The plain text is the parts
joined; every `text_link` href, `link`, `mention` and `hashtag` is kept in `meta["links"]` with
offsets into that plain text, so a bare «ИСТОЧНИК» keeps its URL. Without `date_unixtime` the
`date` is the exporting machine's local time: read in `Options.tz`, `meta["time_ambiguous"]`.
The file is streamed (`export_stream.py`), one message in memory at a time, so a full-account
export of any size reads in constant memory. Service messages are skipped and counted
(`stats.skipped["service"]`), as are messages with no text (media only: `"no_text"`) and
`"unsupported"` ones. A poll without a caption reads as its question and answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from sverka.doc import Document
from sverka.readers.base import Reject
from sverka.readers.common import Options, TelegramPost, bare_id, channel_key, reject, telegram_document
from sverka.readers.compressed import READ_ERRORS, open_input
from sverka.readers.dates import parse_time
from sverka.readers.export_stream import NotAnExport, TooDeep, stream_messages

NAME = "telegram_json"
# Entity types kept as links, and how their URL is made.
LINK_KINDS = {
    "text_link": "text_link",
    "link": "link",
    "mention": "mention",
    "mention_name": "mention",
    "hashtag": "hashtag",
}
# Message keys that mark a media type when `media_type` is absent, in order.
MEDIA_KEYS = (
    ("photo", "photo"),
    ("poll", "poll"),
    ("location_information", "location"),
    ("contact_information", "contact"),
    ("place_name", "venue"),
    ("game_title", "game"),
    ("invoice_information", "invoice"),
    ("file", "file"),
)
CHANNEL_TYPES = ("public_channel", "private_channel", "public_supergroup", "private_supergroup")


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    try:
        stream = open_input(path)
    except READ_ERRORS as exc:
        yield reject(path, "", f"cannot read: {exc}")
        return
    with stream:
        try:
            if stream.read(3) != b"\xef\xbb\xbf":
                stream.seek(0)
        except READ_ERRORS as exc:
            yield reject(path, "", f"cannot read: {exc}")
            return
        yield from read_stream(path, stream, opts)


def read_stream(path: Path, stream: BinaryIO, opts: Options) -> Iterator[Document | Reject]:
    where, last = "the start of the file", "the start of the file"
    try:
        for chat, msg in stream_messages(stream):
            key = chat.setdefault("key", channel_key(chat.get("id"), chat_name(chat) or str(chat.get("type") or "")))
            mid = msg.get("id") if isinstance(msg, dict) else None
            where = f"message {mid}" if mid is not None else f"the message after {last}"
            last = where
            if chat.get("listed"):
                where = f"chat {chat_name(chat) or key} {where}"
            try:
                item = read_message(path, chat, key, msg, opts)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                item = reject(path, where, f"malformed message: {exc}", msg)
            if item is not None:
                yield item
    except NotAnExport as exc:
        yield reject(path, "", f"not a Telegram Desktop export: {exc}")
    except TooDeep as exc:
        yield reject(path, f"after {where}", str(exc))
    except READ_ERRORS as exc:
        yield reject(path, f"after {where}", f"the file breaks off: {exc}")
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        yield reject(path, f"after {where}", f"not valid JSON ({exc}); is the export complete?")


def chat_name(chat: dict[str, Any]) -> str | None:
    return chat["name"] if isinstance(chat.get("name"), str) else None


def read_message(path: Path, chat: dict[str, Any], key: str, msg: Any, opts: Options) -> Document | Reject | None:
    if not isinstance(msg, dict):
        raise TypeError("a message is not an object")
    kind = msg.get("type", "message")
    if kind in ("service", "unsupported"):
        opts.stats.skip(kind)
        return None
    mid = msg.get("id")
    if isinstance(mid, bool) or not isinstance(mid, int):
        raise ValueError(f"no numeric message id ({mid!r})")
    parts = msg.get("text_entities") if isinstance(msg.get("text_entities"), list) else msg.get("text", "")
    text, links = flatten(parts)
    if not text.strip():
        text = poll_text(msg.get("poll"))
    if not text.strip():
        opts.stats.skip("no_text")
        return None
    published, ambiguous = message_time(msg, "date", opts)
    meta = message_meta(chat, key, msg, opts)
    post = TelegramPost(key, mid, text, links, meta, published, ambiguous, chat_name(chat), message_url(chat, mid))
    return telegram_document(path, NAME, post, opts)


def flatten(parts: Any) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and links of a `text` / `text_entities` value."""
    if isinstance(parts, str):
        return parts, []
    if not isinstance(parts, list):
        raise TypeError("text is neither a string nor a list of parts")
    pieces: list[str] = []
    links: list[dict[str, Any]] = []
    offset = 0
    for part in parts:
        piece = part if isinstance(part, str) else part.get("text", "") if isinstance(part, dict) else None
        if not isinstance(piece, str):
            raise TypeError("a text part is neither a string nor an object with text")
        if isinstance(part, dict) and part.get("type") in LINK_KINDS and piece:
            links.append(make_link(part, piece, offset))
        pieces.append(piece)
        offset += len(piece)
    return "".join(pieces), links


def poll_text(poll: Any) -> str:
    """A poll without a caption is what the post says: the question and the answers, one a line."""
    if not isinstance(poll, dict) or not isinstance(poll.get("question"), str):
        return ""
    answers = [a["text"] for a in poll.get("answers") or [] if isinstance(a, dict) and isinstance(a.get("text"), str)]
    return "\n".join([poll["question"], *(f"- {answer}" for answer in answers)])


def make_link(part: dict[str, Any], piece: str, start: int) -> dict[str, Any]:
    kind = LINK_KINDS[part["type"]]
    if part["type"] == "text_link":
        url = part.get("href")
    elif kind == "link":
        url = piece if "://" in piece or piece.startswith("tg:") else "http://" + piece
    elif part["type"] == "mention_name":
        url = f"tg://user?id={part.get('user_id')}"
    elif kind == "mention":
        url = "https://t.me/" + piece.lstrip("@")
    else:
        url = None
    return {"kind": kind, "text": piece, "url": url, "start": start, "end": start + len(piece)}


def message_time(msg: dict[str, Any], field: str, opts: Options) -> tuple[Any, bool]:
    unix = msg.get(f"{field}_unixtime")
    if unix is not None:
        value, _ = parse_time(str(unix), opts.tz)
        if value is not None:
            return value, False
    return parse_time(msg.get(field), opts.tz)


def message_meta(chat: dict[str, Any], key: str, msg: dict[str, Any], opts: Options) -> dict[str, Any]:
    meta: dict[str, Any] = {"channel": chat.get("name"), "channel_key": key, "message_id": msg["id"]}
    if bare_id(chat.get("id")):
        meta["channel_id"] = bare_id(chat.get("id"))
    if chat.get("type"):
        meta["chat_type"] = chat["type"]
    for src, dst in (
        ("from", "from"),
        ("from_id", "from_id"),
        ("author", "author"),
        ("via_bot", "via_bot"),
        ("forwarded_from", "forwarded_from"),
        ("saved_from", "saved_from"),
        ("reply_to_message_id", "reply_to"),
    ):
        if msg.get(src) is not None:
            meta[dst] = msg[src]
    if "edited" in msg or "edited_unixtime" in msg:
        edited, _ = message_time(msg, "edited", opts)
        if edited is not None:
            meta["edited"] = edited.isoformat()
    reactions = read_reactions(msg.get("reactions"))
    if reactions:
        meta["reactions"] = reactions
    media = media_type(msg)
    if media:
        meta["media"] = media
    return meta


def read_reactions(value: Any) -> dict[str, int]:
    """`[{"type": "emoji", "count": 3, "emoji": "👍"}, ...]` as `{"👍": 3}`; custom emoji by document id."""
    result: dict[str, int] = {}
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("count"), int):
            continue
        label = item.get("emoji") or (f"custom:{item['document_id']}" if item.get("document_id") else None)
        label = str(label or item.get("type") or "other")
        result[label] = result.get(label, 0) + item["count"]
    return result


def media_type(msg: dict[str, Any]) -> str | None:
    if isinstance(msg.get("media_type"), str):
        return msg["media_type"]
    return next((name for key, name in MEDIA_KEYS if key in msg), None)


def message_url(chat: dict[str, Any], mid: int) -> str | None:
    """A t.me/c/ link for channels and supergroups (it opens for members; public ones redirect)."""
    digits = bare_id(chat.get("id"))
    if digits and chat.get("type") in CHANNEL_TYPES:
        return f"https://t.me/c/{digits}/{mid}"
    return None
