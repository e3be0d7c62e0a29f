"""Readers: one module per input format; each yields Documents or Rejects naming file and position.

    from sverka.readers import read, ReadStats
    stats = ReadStats()
    for item in read("ChatExport_2024-11-26/", tz="Europe/Moscow", stats=stats):
        ...  # a Document, or a Reject (path, position, reason)
    stats.skipped  # Counter({"service": 4, "no_text": 3})

`read(path, fmt=None, *, tz="UTC", mapping=None, stats=None)`:
- a file: its format is sniffed from the name and first bytes (`sniff.py`); a file no reader
  claims becomes one Reject that lists `FORMATS` and says to pass `--format`;
- a directory: a Telegram Desktop export folder (`result.json` and/or `messages*.html`) is read
  as one export — `result.json` when present (it has everything the HTML has), else every
  `messages*.html` in page order; any other folder is walked recursively (sorted, hidden files
  left out) and every file of a known format is read, others counted as
  `stats.skipped["unknown_file"]`;
- an http(s) URL: a `https://t.me/s/<channel>` page is read as the channel's web preview, any
  other URL as an RSS/Atom feed or OPML list (the only things fetched from the network).

Counting. The stream holds only Documents and Rejects; what readers leave out on purpose is
counted on the `ReadStats` the caller passes (`stats=`): `files`, `documents`, `rejects`, and
`skipped[reason]` with reasons `service` (Telegram service messages), `no_text` (media-only
posts, empty records), `unsupported` (messages the exporter could not write), `unknown_file`.

Errors. Bad data never raises: a malformed file or record is a Reject and the rest goes on; an
unexpected exception inside one reader becomes a Reject for that file (`internal error`). Bad
options raise `ConfigError` at the call: an unknown `fmt`, an unknown `tz`.

Ids are stable and content-derived (see `common.py`): `tg:<channel key>:<message id>` for
Telegram, `url:<sha1>` for web pages and feed items, `file:<sha1 of normalised text>` for loose
files, and a JSONL/CSV record's own `id` column as it is.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sverka.doc import Document
from sverka.errors import ConfigError
from sverka.readers.base import Reject
from sverka.readers.common import Options, ReadStats, reject
from sverka.readers.records import check_mapping
from sverka.readers.sniff import EXPORT_HTML, sniff

__all__ = ["FORMATS", "Options", "ReadStats", "Reject", "read", "read_file"]

FORMATS: tuple[str, ...] = (
    "telegram_json",
    "telegram_html",
    "telethon",
    "telegram_web",
    "jsonl",
    "csv",
    "text",
    "rss",
    "html",
)
URL_FORMATS = ("rss", "telegram_web")  # the only ones fetched from the network
TME_PREVIEW = re.compile(r"https?://(www\.)?t\.me/s/\w+", re.IGNORECASE)


def read(
    path: str | Path,
    fmt: str | None = None,
    *,
    tz: str = "UTC",
    mapping: dict[str, str] | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document | Reject]:
    """Documents and Rejects from a file, a directory or a feed URL."""
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}")
    check_mapping(mapping or {})
    opts = Options(tz=zone(tz), mapping=dict(mapping or {}), stats=stats if stats is not None else ReadStats())
    return _counted(_dispatch(str(path), fmt, opts), opts.stats)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"unknown time zone {name!r}; use an IANA name such as Europe/Moscow or UTC") from exc


def _counted(items: Iterator[Document | Reject], stats: ReadStats) -> Iterator[Document | Reject]:
    for item in items:
        if isinstance(item, Reject):
            stats.rejects += 1
        else:
            stats.documents += 1
        yield item


def _dispatch(path: str, fmt: str | None, opts: Options) -> Iterator[Document | Reject]:
    if path.startswith(("http://", "https://")):
        name = fmt or ("telegram_web" if TME_PREVIEW.match(path) else "rss")
        if name not in URL_FORMATS:
            yield reject(path, "", "only feeds, OPML lists and t.me/s/ pages are read from URLs; save the page instead")
            return
        yield from read_file(path, name, opts)
        return
    target = Path(path)
    if target.is_dir():
        before = opts.stats.files
        yield from read_dir(target, fmt, opts)
        if opts.stats.files == before:
            yield reject(path, "", f"no file of a known format in this folder; known formats: {', '.join(FORMATS)}")
    elif target.is_file():
        yield from read_file(target, fmt, opts)
    elif target.exists():
        yield reject(path, "", "not a regular file (a pipe or a device?)")
    else:
        yield reject(path, "", "no such file or directory")


def read_dir(
    folder: Path, fmt: str | None, opts: Options, seen: set[Path] | None = None
) -> Iterator[Document | Reject]:
    seen = set() if seen is None else seen
    if folder.resolve() in seen:
        return  # a symlink back up the tree
    seen.add(folder.resolve())
    try:
        export = export_files(folder)
        children = sorted(folder.iterdir())
    except OSError as exc:
        yield reject(folder, "", f"cannot list the folder: {exc.strerror}")
        return
    if export:
        for file in export:
            yield from read_file(file, fmt, opts)
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from read_dir(child, fmt, opts, seen)
        elif child.is_file() and (fmt or sniff(child)):
            yield from read_file(child, fmt, opts)
        else:
            opts.stats.skip("unknown_file")  # unknown formats, sockets, pipes


def export_files(folder: Path) -> list[Path]:
    """The files of a Telegram Desktop export folder: result.json, else messages*.html by page."""
    if (folder / "result.json").is_file():
        return [folder / "result.json"]
    pages = [p for p in folder.iterdir() if p.is_file() and EXPORT_HTML.match(p.name)]
    return sorted(pages, key=lambda p: (len(p.name), p.name))


def read_file(path: Path | str, fmt: str | None, opts: Options) -> Iterator[Document | Reject]:
    """One file (or feed URL) with the named reader, or the sniffed one."""
    name = (fmt or sniff(path)) if isinstance(path, Path) else fmt
    if name is None:
        yield reject(path, "", f"unknown format; known formats: {', '.join(FORMATS)}; pass --format NAME")
        return
    opts.stats.files += 1
    module = importlib.import_module(f"{__name__}.{name}")
    try:
        yield from module.read(path, opts)
    except Exception as exc:  # one broken reader on one file must not stop the stream
        yield reject(path, "", f"internal error in the {name} reader: {type(exc).__name__}: {exc}")
