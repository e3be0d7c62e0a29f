"""The text of a Telegram Desktop HTML message (`div.text`) as plain text and links.

Shared by the export reader and the t.me/s reader. `<br>` is a newline; the indentation around
the text is stripped. An `<a>` whose text is its href is a `link`, `#tag` (`ShowHashtag`, or t.me/s's
`?q=%23tag`) a `hashtag`, `@name` (or `ShowMentionName`) a
`mention`, any other a `text_link`, so a bare «ИСТОЧНИК» keeps its URL as in the JSON export.
"""

from __future__ import annotations

from typing import Any


def flatten(element: Any) -> tuple[str, list[dict[str, Any]]]:
    """Plain text of a div.text (<br> is a newline) and its links, with offsets into that text."""
    pieces: list[str] = []
    links: list[dict[str, Any]] = []
    walk(element, pieces, links, top=True)
    raw = "".join(pieces)
    text = raw.strip()
    shift = len(raw) - len(raw.lstrip())
    for link in links:
        link["start"] = max(0, link["start"] - shift)
        link["end"] = min(len(text), link["end"] - shift)
    return text, [link for link in links if link["end"] > link["start"]]


def walk(element: Any, pieces: list[str], links: list[dict[str, Any]], top: bool = False) -> None:
    if not top:
        if element.tag == "br":
            pieces.append("\n")
        elif element.tag == "a":
            start = sum(map(len, pieces))
            label = element.text_content()
            pieces.append(label)
            links.append(make_link(element, label, start))
            pieces.append(element.tail or "")
            return
    if element.text and element.tag != "br":
        pieces.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            walk(child, pieces, links)
        elif child.tail:
            pieces.append(child.tail)
    if not top and element.tail:
        pieces.append(element.tail)


def make_link(element: Any, label: str, start: int) -> dict[str, Any]:
    href = element.get("href") or None
    onclick = element.get("onclick") or ""
    if "ShowHashtag" in onclick or (label.startswith("#") and (not href or href.startswith("?q="))):
        kind, href = "hashtag", None
    elif "ShowMentionName" in onclick:
        kind, href = "mention", None  # a user without a username; the HTML has no id
    elif label.startswith("@"):
        kind, href = "mention", href or "https://t.me/" + label[1:]
    elif href and label.strip() == href:
        kind = "link"
    else:
        kind = "text_link"
    return {"kind": kind, "text": label, "url": href, "start": start, "end": start + len(label)}
