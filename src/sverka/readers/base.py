"""What every reader yields: Documents, or Rejects that name the file and the position.

Conventions for `Document.meta`, shared by readers, the store and the linker (all optional):

| key | meaning |
|---|---|
| `reader` | the reader's name (`telegram_json`, `telegram_html`, `telethon`, `jsonl`, `csv`, `text`, `rss`, `html`) |
| `input_file`, `position` | where the record came from (file path as given, line / message id / index) |
| `channel`, `channel_id` | the channel's display name and numeric id (as str) |
| `message_id` | the message id within the channel (int) |
| `links` | `[{"kind": "text_link"\|"link"\|"mention"\|"hashtag"\|"url", "text": str, "url": str\|None, "start": int, "end": int}]` |
| `forwarded_from` | display name of the forward's origin; `forwarded_from_id` when known |
| `reply_to` | message id replied to |
| `edited` | ISO time of the last edit |
| `author` | the post's signature / author |
| `views`, `forwards`, `reactions` | counts where the source gives them |
| `media` | media type (photo, video_file, voice_message, sticker, file, …) |
| `time_ambiguous` | true when `published` came from a local time with no offset |
| `title` | article title |
| `field_sources` | for extracted articles, which field came from where: `{"published": "meta[article:published_time]", ...}` |
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Reject:
    """A record or file that could not be read. The rest of the input goes on."""

    path: str
    position: str  # line number, message id, byte offset, or "" for the whole file
    reason: str
    raw: str | None = None  # the offending record, cut to a bounded size

    def __str__(self) -> str:
        where = f"{self.path}:{self.position}" if self.position else self.path
        return f"{where}: {self.reason}"
