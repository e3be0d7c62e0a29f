"""Parts of a Telethon message as `Message.to_json()` gives them: formatting entities and media.

Telethon keeps the text raw (`message`) and its formatting apart (`entities`), with offsets in
UTF-16 code units, as the Telegram API does. Links become the same `meta["links"]` the Markdown
reader gives, with Python `str` offsets; media become a small summary (type, MIME type, size,
duration, width, height) so that a post's attachment is known without its file.
"""

from __future__ import annotations

from typing import Any

LINK_ENTITIES = {"MessageEntityTextUrl": "text_link", "MessageEntityUrl": "link"}


def utf16_to_str_offsets(text: str) -> list[int]:
    """`table[u]` is the `str` index of UTF-16 offset `u` (an astral character takes two units)."""
    table: list[int] = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) > 0xFFFF:
            table.append(index)
    table.append(len(text))
    return table


def entity_links(text: str, entities: Any) -> list[dict[str, Any]]:
    """Links of a raw Telethon text from its `entities` (text URLs and bare URLs)."""
    if not isinstance(entities, list):
        return []
    table = utf16_to_str_offsets(text)
    links = []
    for entity in entities:
        kind = LINK_ENTITIES.get(str(entity.get("_"))) if isinstance(entity, dict) else None
        offset, length = (entity.get("offset"), entity.get("length")) if kind else (None, None)
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length <= 0:
            continue
        if offset + length >= len(table):
            continue  # an entity past the text: a broken record, not a reason to drop the post
        start, end = table[offset], table[offset + length]
        label = text[start:end]
        url = entity.get("url") if kind == "text_link" else label
        if isinstance(url, str) and url:
            links.append({"kind": kind, "text": label, "url": url, "start": start, "end": end})
    return links


def media_summary(media: Any) -> dict[str, Any] | None:
    """Type, MIME type, size, duration and frame of a message's media, from its `to_json()` form."""
    if not isinstance(media, dict) or not isinstance(media.get("_"), str) or media["_"] == "MessageMediaEmpty":
        return None
    summary: dict[str, Any] = {"type": media["_"].removeprefix("MessageMedia").lower() or "unknown"}
    document = media.get("document")
    if isinstance(document, dict):
        for key in ("mime_type", "size"):
            if document.get(key) is not None:
                summary[key] = document[key]
        for attribute in document.get("attributes") or []:
            if not isinstance(attribute, dict):
                continue
            for key in ("duration", "w", "h"):
                if attribute.get(key) is not None:
                    summary.setdefault(key, attribute[key])
            if isinstance(attribute.get("file_name"), str):
                summary["file_name"] = attribute["file_name"]
    photo = media.get("photo")
    if isinstance(photo, dict):
        sizes = [s for s in photo.get("sizes") or [] if isinstance(s, dict) and isinstance(s.get("w"), int)]
        if sizes:
            largest = max(sizes, key=lambda s: s["w"] * s.get("h", 0))
            summary.update({k: largest[k] for k in ("w", "h", "size") if largest.get(k) is not None})
    webpage = media.get("webpage")
    if isinstance(webpage, dict) and isinstance(webpage.get("url"), str):
        summary["url"] = webpage["url"]
    return summary
