"""RSS / Atom feeds (feedparser) and OPML lists of feeds: from files, and from URLs when given one.

Each entry is a document: the text is the entry's content (else its summary) as plain text, the
title goes to `meta["title"]` (and is the text when there is nothing else), the id comes from the
entry's link (`url:<sha1>`), else from its text. An OPML file is a list of feeds: each outline's
`xmlUrl` is read in turn — a path relative to the OPML file, or a URL fetched with a timeout and
a size cap. A feed that cannot be fetched or parsed is a Reject; the other feeds go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree

from sverka.doc import Document
from sverka.errors import ReadError
from sverka.readers.base import Reject
from sverka.readers.common import Options, make_document, reject, text_id, url_id
from sverka.readers.compressed import READ_ERRORS, open_input
from sverka.readers.dates import parse_time
from sverka.readers.fetch import fetch_bytes
from sverka.readers.markup import html_to_text

NAME = "rss"
MAX_FEED_BYTES = 32 << 20


def read(path: Path | str, opts: Options) -> Iterator[Document | Reject]:
    data = load(path)
    if isinstance(data, Reject):
        yield data
        return
    if is_opml(data):
        yield from read_opml(path, data, opts)
        return
    yield from read_feed(path, data, opts)


def load(path: Path | str) -> bytes | Reject:
    try:
        if isinstance(path, str) and path.startswith(("http://", "https://")):
            data = fetch_bytes(path, MAX_FEED_BYTES)
        else:
            with open_input(Path(path)) as stream:
                data = stream.read(MAX_FEED_BYTES + 1)
    except ReadError as exc:
        return reject(path, "", f"cannot fetch or read the feed: {exc.reason}")
    except (*READ_ERRORS, ValueError) as exc:
        return reject(path, "", f"cannot fetch or read the feed: {exc}")
    if len(data) > MAX_FEED_BYTES:
        return reject(path, "", f"feed larger than {MAX_FEED_BYTES >> 20} MB")
    return data


def is_opml(data: bytes) -> bool:
    return b"<opml" in data[:4096].lower()


def read_opml(path: Path | str, data: bytes, opts: Options) -> Iterator[Document | Reject]:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    except etree.XMLSyntaxError as exc:
        yield reject(path, "", f"not a valid OPML file: {exc}")
        return
    if root is None:
        yield reject(path, "", "not a valid OPML file: empty document")
        return
    feeds = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
    if not feeds:
        yield reject(path, "", "an OPML file with no feeds (no outline has an xmlUrl)")
        return
    for feed in feeds:
        target: Path | str = feed
        if isinstance(path, str) and path.startswith(("http://", "https://")):
            target = urljoin(path, feed)  # relative to the OPML's own URL
        elif not feed.startswith(("http://", "https://")):
            target = Path(path).parent / feed
        feed_data = load(target)
        if isinstance(feed_data, Reject):
            yield feed_data
            continue
        yield from read_feed(target, feed_data, opts)


def read_feed(path: Path | str, data: bytes, opts: Options) -> Iterator[Document | Reject]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        yield reject(path, "", f"not an RSS/Atom feed, or a feed with no entries{problem}")
        return
    feed_title = parsed.feed.get("title") if isinstance(parsed.feed.get("title"), str) else None
    for index, entry in enumerate(parsed.entries, start=1):
        position = f"entry {index}"
        try:
            doc = read_entry(path, position, entry, feed_title, opts)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            yield reject(path, position, f"malformed entry: {exc}")
            continue
        if doc is not None:
            yield doc


def read_entry(path: Path | str, position: str, entry: Any, feed_title: str | None, opts: Options) -> Document | None:
    title = html_to_text(entry.get("title") or "")
    contents = entry.get("content") or []
    body = next((c.get("value") for c in contents if c.get("value")), None) or entry.get("summary") or ""
    text = html_to_text(body) or title
    if not text.strip():
        opts.stats.skip("no_text")
        return None
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    published, ambiguous = entry_time(entry, opts)
    meta: dict[str, Any] = {"feed_url": str(path)}
    for name, value in (("title", title), ("author", entry.get("author")), ("feed", feed_title)):
        if value:
            meta[name] = str(value)
    if ambiguous:
        meta["time_ambiguous"] = True
    doc_id = url_id(link) if link else text_id(title + "\n" + text)
    return make_document(
        path, position, NAME, doc_id, text, opts, meta, published=published, source=feed_title, url=link
    )


def entry_time(entry: Any, opts: Options) -> tuple[datetime | None, bool]:
    # dict.get: FeedParserDict.get maps a missing `published` to `updated` with a warning
    for raw, parsed in (("published", "published_parsed"), ("updated", "updated_parsed")):
        value, ambiguous = parse_time(dict.get(entry, raw), opts.tz)
        if value is not None:
            return value, ambiguous
        stamp = dict.get(entry, parsed)
        if stamp:
            year, month, day, hour, minute, second = stamp[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC), False
    return None, False
