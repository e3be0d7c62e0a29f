"""Links found in plain text: bare URLs, #hashtags and @mentions, as `meta["links"]` entries.

Formats with entities (Telegram Desktop exports, Telethon Markdown) give most links directly;
these finders add what plain text still holds, skipping spans an entity already covers, so a post
read from an export and from a dump ends up with the same kinds of links.
"""

from __future__ import annotations

import re
from typing import Any

URL_RE = re.compile(r"(?:https?://|www\.|t\.me/)\w[^\s<>\"'«»]*", re.IGNORECASE)
TRAILING = ".,;:!?)]}…"
# Telegram usernames: 5-32 of [A-Za-z0-9_], starting with a letter; not an e-mail's domain part.
MENTION_RE = re.compile(r"(?<![\w@.])@([A-Za-z][A-Za-z0-9_]{4,31})(?!\w)")
# A hashtag has at least one letter (#1 is a number, not a tag).
HASHTAG_RE = re.compile(r"(?<![\w#&/])#(?=\w*[^\W\d_])\w{1,64}")


def find_links(text: str, taken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """URLs, then mentions and hashtags outside every span found before them."""
    found = list(taken)
    for finder in (find_urls, find_mentions, find_hashtags):
        found += finder(text, found)
    return found[len(taken) :]


def inside(start: int, spans: list[dict[str, Any]]) -> bool:
    return any(link["start"] <= start < link["end"] for link in spans)


def find_urls(text: str, taken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(TRAILING)
        if inside(match.start(), taken):
            continue
        full = url if "://" in url else "https://" + url
        found.append({"kind": "url", "text": url, "url": full, "start": match.start(), "end": match.start() + len(url)})
    return found


def find_mentions(text: str, taken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"kind": "mention", "text": m.group(0), "url": f"https://t.me/{m.group(1)}", "start": m.start(), "end": m.end()}
        for m in MENTION_RE.finditer(text)
        if not inside(m.start(), taken)
    ]


def find_hashtags(text: str, taken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"kind": "hashtag", "text": m.group(0), "url": None, "start": m.start(), "end": m.end()}
        for m in HASHTAG_RE.finditer(text)
        if not inside(m.start(), taken)
    ]
