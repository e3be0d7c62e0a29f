"""Telethon's Markdown (`message.text`) to plain text and links.

Telethon dumps often store `message.text`, which re-renders the post's entities as Markdown:
`**bold**`, `__italic__`, `~~strike~~`, `||spoiler||` and `[label](url)`. The markers are dropped
and each link becomes a `text_link` (a `link` when the label is the URL itself) with offsets into
the plain text, so a bare «ИСТОЧНИК» keeps its URL just as in a desktop export.
"""

from __future__ import annotations

import re
from typing import Any

from sverka.readers.links import TRAILING, URL_RE

LINK = r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(((?:https?|tg)://[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)\)"
LINK_RE = re.compile(LINK)
TOKEN = re.compile(LINK + r"|\*\*|__|~~|\|\|")
MARKERS = re.compile(r"\*\*|__|~~|\|\|")


def strip_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    if "[" not in text and not MARKERS.search(text):
        return text, []
    urls = bare_urls(text)
    out: list[str] = []
    links: list[dict[str, Any]] = []
    length = pos = 0
    for match in TOKEN.finditer(text):
        if match.group(2) is None and any(s <= match.start() < e for s, e in urls):
            continue  # `__` inside a bare URL is part of it
        piece = text[pos : match.start()]
        out.append(piece)
        length += len(piece)
        pos = match.end()
        if match.group(2) is None:
            continue  # an emphasis marker
        label, url = MARKERS.sub("", match.group(1)), match.group(2)
        kind = "link" if label.strip() == url else "text_link"
        links.append({"kind": kind, "text": label, "url": url, "start": length, "end": length + len(label)})
        out.append(label)
        length += len(label)
    out.append(text[pos:])
    return "".join(out), links


def bare_urls(text: str) -> list[tuple[int, int]]:
    """Spans of URLs outside [label](url) links, without the markers that may close around them."""
    masked = LINK_RE.sub(lambda m: " " * len(m.group(0)), text)
    spans = []
    for match in URL_RE.finditer(masked):
        url = match.group(0).rstrip(TRAILING + "*_~|")
        spans.append((match.start(), match.start() + len(url)))
    return spans
