r"""What every reader yields: Documents, or Rejects that name the file and the position.

Conventions for `Document.meta`, shared by readers, the store and the linker (all optional):

| key | meaning |
|---|---|
| `reader` | the reader's name, one of `sverka.readers.FORMATS` (`telegram_json`, `telethon`, `jsonl`, …) |
| `input_file`, `position` | where the record came from (file path as given, line / message id / index) |
| `channel`, `channel_id` | the channel's display name and numeric id (as str) |
| `message_id` | the message id within the channel (int) |
| `links` | `[{"kind", "text", "url", "start", "end"}]`, kind `text_link` `link` `mention` `hashtag` `url` |
| `forwarded_from`, `forwarded_from_id` | display name of the forward's origin; its bare peer id when known |
| `reply_to` | message id replied to |
| `edited` | ISO time of the last edit |
| `author` | the post's signature / author |
| `views`, `forwards`, `reactions` | counts where the source gives them |
| `media` | media type (photo, video_file, voice_message, sticker, file, …) |
| `time_ambiguous` | true when `published` came from a local time with no offset |
| `title` | article title |
| `field_sources` | article field -> where it came from: `{"published": "meta[article:published_time]"}` |
| `channel_key` | the channel part of a `tg:` id: the bare numeric id, else `name.<slug>` (readers/common.py) |
| `chat_type` | Telegram Desktop chat type (`public_channel`, `private_group`, …) |
| `from`, `from_id` | the sender's display name and id in groups (Telegram Desktop export) |
| `via_bot`, `saved_from` | as the Telegram Desktop export gives them |
| `truncated_from` | the text's original length when it was cut at the reader limit (`common.MAX_TEXT_CHARS`) |
| `published_raw` | a publication time the readers could not parse, as written |
| `feed`, `feed_url` | for feed items: the feed's title and URL |
| `extra` | other scalar columns of a JSONL/CSV record |
| `category` | a label the source dump carries (the nktkln sample's is machine-assigned, not gold) |
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
