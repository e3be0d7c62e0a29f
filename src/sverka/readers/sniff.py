"""Which reader a file needs: by name and by its first bytes. Unknown stays unknown, never guessed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sverka.readers.compressed import READ_ERRORS, inner_suffix, read_head

PROBE = 64 << 10
TEXT_EXT = {".txt", ".md", ".markdown", ".text"}
CSV_EXT = {".csv", ".tsv"}
FEED_EXT = {".rss", ".atom", ".opml", ".xml"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
EXPORT_HTML = re.compile(r"messages\d*\.html?$", re.IGNORECASE)
TELETHON_KEYS = re.compile(rb'"(message_id|peer_id)"\s*:')


def sniff(path: Path) -> str | None:
    """The format name of a file, or None when neither its name nor its content says."""
    ext = inner_suffix(path)
    try:
        head = read_head(path, PROBE)
    except READ_ERRORS:
        return None
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if ext in JSON_EXT or body[:1] in (b"{", b"["):
        if body[:1] == b"{" and path.name.lower().removesuffix(".gz") == "result.json":
            return "telegram_json"  # the export's own name; a full-account one may list chats late
        return sniff_json(body, ext)
    if ext in HTML_EXT or (body[:1] == b"<" and re.search(rb"<html|<!doctype html", body[:2048], re.IGNORECASE)):
        return html_kind(path.name, head)
    if ext in FEED_EXT or re.match(rb"<\?xml[^>]*>\s*<(rss|feed|opml|rdf:RDF)\b", body):
        return "rss"
    if ext in CSV_EXT:
        return "csv"
    if ext in TEXT_EXT:
        return "text"
    return None


def sniff_json(body: bytes, ext: str) -> str | None:
    if body[:1] == b"{":
        first = first_object(body.split(b"\n", 1)[0].strip())
        if first is not None:  # a whole object on the first line: JSON Lines, or a minified export
            if isinstance(first.get("messages"), list) or {"chats", "left_chats"} & set(first):
                return "telegram_json"
            return "telethon" if TELETHON_KEYS.search(body.split(b"\n", 1)[0]) else "jsonl"
        if re.search(rb'"messages"\s*:\s*\[|"chats"\s*:\s*\{|"left_chats"\s*:|"personal_information"\s*:', body):
            return "telegram_json"
        return "jsonl" if ext in (".jsonl", ".ndjson") else None
    if body[:1] == b"[":
        return "telethon" if TELETHON_KEYS.search(body[:4096]) else "jsonl"
    return "jsonl" if ext in (".jsonl", ".ndjson") else None


def first_object(line: bytes) -> dict | None:
    if not (line.startswith(b"{") and line.endswith(b"}")):
        return None
    try:
        value = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def html_kind(name: str, head: bytes) -> str:
    if b"tgme_widget_message" in head:
        return "telegram_web"  # a saved t.me/s/<channel> page
    return "telegram_html" if is_export_html(name, head) else "html"


def is_export_html(name: str, head: bytes) -> bool:
    return bool(EXPORT_HTML.match(name)) or b'class="history"' in head or b"message default" in head
