"""Stream the messages of a Telegram Desktop `result.json` of any size (ijson), chat by chat.

tdesktop writes each chat's `name`, `type` and `id` before its `messages` array, in both the
single-chat layout (at the top level) and the full-account one (`chats.list[]`, `left_chats.list[]`),
so a chat is known before its first message and only one message is held in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import ijson

# Where chats live: a single-chat export is itself the chat ("").
CHAT_LISTS = ("chats.list.item", "left_chats.list.item")
CHAT_FIELDS = ("name", "type", "id")
SCALARS = ("string", "number", "boolean", "null")


# ijson keeps the prefix of every open level, so memory grows with the square of the nesting depth;
# real exports nest a few levels, a hostile file a hundred thousand. Small read chunks bound how
# many events ijson makes before we can stop it (no slower on real exports).
MAX_PREFIX_CHARS = 4096
BUF_SIZE = 4096


class NotAnExport(ValueError):
    """The JSON is valid so far but is not a Telegram Desktop export."""


class TooDeep(ValueError):
    """The JSON nests deeper than any export does."""


def guarded_parse(stream: BinaryIO) -> Iterator[tuple[str, str, Any]]:
    """ijson parse events, stopping with TooDeep before the nesting eats the memory."""
    for prefix, event, value in ijson.parse(stream, use_float=True, buf_size=BUF_SIZE):
        if len(prefix) > MAX_PREFIX_CHARS:
            raise TooDeep(f"JSON nested deeper than {MAX_PREFIX_CHARS} characters of path")
        yield prefix, event, value


def stream_messages(stream: BinaryIO) -> Iterator[tuple[dict[str, Any], Any]]:
    """(chat, message) for every element of every chat's `messages` array, in file order.

    Raises `ijson.JSONError` (or `UnicodeDecodeError`) where the input breaks, and `NotAnExport`
    at the end when no `messages` array was found.
    """
    parser = guarded_parse(stream)
    chat: dict[str, Any] = {}
    found = False
    for prefix, event, value in parser:
        base, rest = split(prefix)
        if base and not rest and event == "start_map":
            chat = {"listed": True}
        elif rest in CHAT_FIELDS and event in SCALARS:
            chat[rest] = value
        elif rest == "messages" and event == "start_array":
            found = True
        elif rest == "messages.item":
            yield chat, build(parser, prefix, event, value)
    if not found:
        raise NotAnExport('no "messages" array and no "chats" list')


def split(prefix: str) -> tuple[str, str]:
    """'chats.list.item.messages.item' -> ('chats.list.item', 'messages.item')."""
    for base in CHAT_LISTS:
        if prefix == base:
            return base, ""
        if prefix.startswith(base + "."):
            return base, prefix[len(base) + 1 :]
    return "", prefix


def build(parser: Iterator[tuple[str, str, Any]], prefix: str, event: str, value: Any) -> Any:
    """The whole value that starts with this event, read from the parser."""
    if event not in ("start_map", "start_array"):
        return value
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    end = "end_map" if event == "start_map" else "end_array"
    for inner_prefix, inner_event, inner_value in parser:
        builder.event(inner_event, inner_value)
        if inner_prefix == prefix and inner_event == end:
            break
    return builder.value
