"""What every reader shares: options, counters, stable ids, bounded text, links found in plain text."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sverka.doc import Document
from sverka.readers.base import Reject
from sverka.readers.links import find_links

# A record's text is cut here (characters); the longest real article in the samples is ~35k.
MAX_TEXT_CHARS = 200_000
# A Reject keeps at most this much of the offending record.
MAX_RAW_CHARS = 500


@dataclass
class ReadStats:
    """Counters a caller passes in to learn what the readers yielded and what they skipped."""

    files: int = 0
    documents: int = 0
    rejects: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count: service, no_text, ...

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n


@dataclass
class Options:
    """Per-call settings handed to every reader."""

    tz: tzinfo = UTC  # zone of local times that carry no offset
    mapping: dict[str, str] = field(default_factory=dict)  # field -> column, for jsonl/csv
    stats: ReadStats = field(default_factory=ReadStats)
    max_text: int = MAX_TEXT_CHARS


def reject(path: Path | str, position: Any, reason: str, raw: Any = None) -> Reject:
    raw_text = (
        None if raw is None else raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    )
    raw_text = None if raw_text is None else raw_text[:MAX_RAW_CHARS]
    return Reject(path=str(path), position="" if position is None else str(position), reason=reason, raw=raw_text)


def bounded(text: str, meta: dict[str, Any], limit: int) -> str:
    """Cut text at `limit` characters, noting the original length in meta["truncated_from"]."""
    if len(text) <= limit:
        return text
    meta["truncated_from"] = len(text)
    return text[:limit]


def normalise_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_id(text: str) -> str:
    """Id of a loose file or record: a hash of its whitespace-normalised text."""
    return "file:" + hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no utm_* tracking, no trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")])
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def url_id(url: str) -> str:
    """Id of a web page: a hash of its normalised URL."""
    return "url:" + hashlib.sha1(normalise_url(url).encode("utf-8")).hexdigest()[:16]


def telegram_id(channel: str, message_id: int) -> str:
    return f"tg:{channel}:{message_id}"


def channel_key(channel_id: Any = None, name: str | None = None) -> str:
    """The channel part of a Telegram id, the same for a desktop export and a Telethon dump.

    The bare numeric id when the source gives one: Telethon's `-1001101170442` (the `-100` marks a
    channel or supergroup), a desktop export's `id: 1101170442` and a `from_id` of
    `"channel1101170442"` all give `"1101170442"`. Without an id: `"name." + slug(name)`.
    """
    digits = bare_id(channel_id)
    if digits:
        return digits
    slug = "_".join(re.findall(r"\w+", (name or "").casefold()))
    return "name." + (slug or "unknown")


def bare_id(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    match = re.fullmatch(r"(?:channel|chat|user)?(-?\d+)", str(value).strip())
    if not match:
        return None
    digits = match.group(1)
    if digits.startswith("-100") and len(digits) > 4:
        return digits[4:]
    return digits.lstrip("-") or None


def make_document(
    path: Path | str,
    position: Any,
    reader: str,
    doc_id: str,
    text: str,
    opts: Options,
    meta: dict[str, Any] | None = None,
    **fields: Any,
) -> Document:
    """A Document with the provenance keys every reader sets; text bounded, links in plain text added."""
    meta = {"reader": reader, "input_file": str(path), "position": position, **(meta or {})}
    text = bounded(text, meta, opts.max_text)
    links = [link for link in meta.get("links", []) if link["end"] <= len(text)]
    links += find_links(text, links)
    if links:
        meta["links"] = sorted(links, key=lambda link: (link["start"], link["end"]))
    else:
        meta.pop("links", None)
    return Document(id=doc_id, text=text, meta=meta, **fields)


@dataclass
class TelegramPost:
    """What every Telegram reader (desktop JSON and HTML, t.me/s pages) knows of one message."""

    channel_key: str
    message_id: int
    text: str
    links: list[dict[str, Any]]
    meta: dict[str, Any]
    published: Any  # datetime | None
    ambiguous: bool  # the time came without a zone
    source: str | None
    url: str | None


def telegram_document(path: Path | str, reader: str, post: TelegramPost, opts: Options) -> Document:
    """The Document of a Telegram message, with the id that merges exports and dumps of one channel."""
    meta = {**post.meta, "links": post.links}
    if post.ambiguous:
        meta["time_ambiguous"] = True
    return make_document(
        path, post.message_id, reader, telegram_id(post.channel_key, post.message_id), post.text, opts, meta,
        published=post.published, source=post.source, url=post.url,
    )
