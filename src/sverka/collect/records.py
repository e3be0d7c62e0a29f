"""A Telethon message as the record the Telethon reader reads: `Message.to_json()`, made small.

The record keeps the raw text and its formatting entities, views, forwards, replies, reactions,
edits and the forward header with the source channel's id. Media are kept as metadata only (type,
MIME type, size, duration, frame): never the file, nor the bytes Telethon needs to download it.
"""

from __future__ import annotations

import json
from typing import Any

KEEP = (
    "_", "id", "peer_id", "date", "message", "entities", "views", "forwards", "replies", "reply_to",
    "edit_date", "post_author", "grouped_id", "fwd_from", "reactions", "pinned", "noforwards",
)
MEDIA_KEEP = {"_", "document", "photo", "webpage", "mime_type", "size", "attributes", "sizes", "w", "h",
              "duration", "file_name", "url", "type", "title"}


def message_record(message: Any, channel: str | None, username: str | None, media_meta: bool) -> dict[str, Any]:
    """The JSON-safe record of one `telethon.tl.types.Message` of a channel titled `channel`."""
    full = json.loads(message.to_json())
    record = {key: full[key] for key in KEEP if full.get(key) is not None}
    if channel:
        record["channel"] = channel
    if username:
        record["channel_username"] = username
    media = full.get("media")
    if isinstance(media, dict):
        record["media"] = _metadata(media) if media_meta else {"_": media.get("_")}
    return record


def _metadata(value: Any) -> Any:
    """The media tree without file references, access hashes, thumbnails and bytes."""
    if isinstance(value, dict):
        return {k: _metadata(v) for k, v in value.items() if k in MEDIA_KEEP}
    if isinstance(value, list):
        return [_metadata(v) for v in value if isinstance(v, dict)]
    return value
