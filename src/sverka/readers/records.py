"""Generic records (a JSONL line, a CSV row) to Documents through a column mapping.

The mapping says which column holds which field (`--map text=body,published=time`); a field the
mapping leaves out is looked for under its usual names (`DEFAULT_COLUMNS`), so the news sample
`{"id","source","url","published","title","text"}` needs no mapping. Fields: id, text, published,
source, url, title, author, lang, channel_id, message_id. Id: the record's own id column as it is;
else a Telegram id `tg:<channel key>:<message id>` when the record has a numeric channel id and
message id (a CSV of posts from another scraper merges with exports); else from the URL, else from
the text. Other scalar columns are kept in `meta["extra"]`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sverka.doc import Document
from sverka.errors import ConfigError
from sverka.readers.base import Reject
from sverka.readers.common import Options, bare_id, make_document, reject, telegram_id, text_id, url_id
from sverka.readers.dates import parse_time

DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "body", "content", "message"),
    "published": ("published", "date", "time", "datetime", "created_at", "pubDate"),
    "source": ("source", "channel", "outlet", "site"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "author": ("author",),
    "lang": ("lang", "language"),
    "channel_id": ("channel_id", "peer_id", "chat_id"),
    "message_id": ("message_id", "msg_id"),
}
FIELDS = tuple(DEFAULT_COLUMNS)
MAX_EXTRA_CHARS = 2000


def check_mapping(mapping: dict[str, str]) -> None:
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ConfigError(f"unknown field(s) in --map: {', '.join(unknown)}; fields: {', '.join(FIELDS)}")


def columns(record: dict[str, Any], mapping: dict[str, str]) -> dict[str, str]:
    """field -> the column that holds it in this record."""
    found = {}
    for name, candidates in DEFAULT_COLUMNS.items():
        if name in mapping:
            found[name] = mapping[name]
            continue
        column = next((c for c in candidates if c in record), None)
        if column is not None:
            found[name] = column
    return found


def to_document(
    path: Path, position: str, record: dict[str, Any], reader: str, opts: Options
) -> Document | Reject | None:
    cols = columns(record, opts.mapping)
    get = {name: record.get(col) for name, col in cols.items()}
    text = as_text(get.get("text"))
    title = as_text(get.get("title"))
    if not text.strip() and title.strip():
        text = title
    if not text.strip():
        if "text" in opts.mapping and opts.mapping["text"] not in record:
            return reject(path, position, f"no column {opts.mapping['text']!r} (from --map text=...)", record)
        opts.stats.skip("no_text")
        return None
    url = str(get["url"]) if get.get("url") else None
    doc_id = (
        str(get["id"])
        if get.get("id") not in (None, "")
        else telegram_record_id(get) or (url_id(url) if url else text_id(text))
    )
    published, ambiguous = parse_time(get.get("published"), opts.tz)
    meta = record_meta(record, cols, get, published, ambiguous)
    return make_document(
        path,
        position,
        reader,
        doc_id,
        text,
        opts,
        meta,
        published=published,
        source=str(get["source"]) if get.get("source") else None,
        url=url,
        lang=str(get["lang"]) if get.get("lang") else None,
    )


def telegram_record_id(get: dict[str, Any]) -> str | None:
    channel, message = bare_id(get.get("channel_id")), str(get.get("message_id", "")).strip()
    return telegram_id(channel, int(message)) if channel and message.isdigit() else None


def as_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def record_meta(
    record: dict[str, Any], cols: dict[str, str], get: dict[str, Any], published: Any, ambiguous: bool
) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for name in ("title", "author"):
        if get.get(name):
            meta[name] = str(get[name])
    if telegram_record_id(get):
        meta["channel_key"] = meta["channel_id"] = bare_id(get["channel_id"])
        meta["message_id"] = int(str(get["message_id"]).strip())
    if ambiguous:
        meta["time_ambiguous"] = True
    if get.get("published") not in (None, "") and published is None:
        meta["published_raw"] = str(get["published"])[:200]
    used = set(cols.values())
    extra = {k: v for k, v in record.items() if k not in used and isinstance(v, str | int | float | bool)}
    extra = {k: v[:MAX_EXTRA_CHARS] if isinstance(v, str) else v for k, v in extra.items()}
    if extra:
        meta["extra"] = extra
    return meta
