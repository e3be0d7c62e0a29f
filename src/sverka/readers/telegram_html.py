"""Telegram Desktop HTML export (`messages.html`, `messages2.html`, ...), the same fields as the JSON
reader as far as the HTML has them (after tdesktop's `export_output_html.cpp`).

- `div.message.default` is a post, `div.message.service` with a positive id a service message
  (skipped, counted); `message-N` ids are the day separators and not messages at all.
- A `joined` message has no `from_name`: it inherits the sender of the message before it.
- The date is `title="DD.MM.YYYY HH:MM:SS"` (newer exports add ` UTC+03:00`); without an offset it
  is local time, read in `Options.tz` and marked `time_ambiguous` like the JSON's `date`.
- The HTML has no chat id. The channel key comes from a `result.json` beside the page (an export
  made with both formats), else from the chat name (`name.<slug>`), which will not merge with a
  Telethon dump of the same channel; export JSON when you can.
- Links: an `<a>` whose text is its href is a `link`, `#tag` a `hashtag`, `@name` a `mention`,
  any other a `text_link` (so a bare «ИСТОЧНИК» keeps its URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree, html

from sverka.doc import Document
from sverka.errors import ReadError
from sverka.readers.base import Reject
from sverka.readers.common import Options, TelegramPost, channel_key, reject, telegram_document
from sverka.readers.compressed import READ_ERRORS, read_bounded_text
from sverka.readers.dates import parse_time
from sverka.readers.markup import parse_page
from sverka.readers.telegram_html_text import flatten
from sverka.readers.telegram_json import message_url

NAME = "telegram_html"
MAX_FILE_BYTES = 64 << 20
MESSAGE_ID = re.compile(r"message(-?\d+)$")
REPLY_ID = re.compile(r"(?:go_to_message|GoToMessage\()(\d+)")
# media_wrap child classes -> the JSON export's media type names.
MEDIA_CLASSES = (
    ("photo_wrap", "photo"),
    ("sticker_wrap", "sticker"),
    ("animated_wrap", "animation"),
    ("video_file_wrap", "video_file"),
    ("media_voice_message", "voice_message"),
    ("media_audio_file", "audio_file"),
    ("media_file", "file"),
    ("media_poll", "poll"),
    ("media_location", "location"),
    ("media_live_location", "location"),
    ("media_contact", "contact"),
    ("media_venue", "venue"),
    ("media_game", "game"),
    ("media_invoice", "invoice"),
)
MEDIA_TITLES = {
    "Sticker": "sticker",
    "Animation": "animation",
    "Video message": "video_message",
    "Video file": "video_file",
    "Photo": "photo",
}


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    try:
        root, stopped = parse_page(read_bounded_text(path, MAX_FILE_BYTES))
    except ReadError as exc:
        yield reject(path, exc.position, exc.reason)
        return
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, *READ_ERRORS) as exc:
        yield reject(path, "", f"cannot parse HTML: {exc}")
        return
    messages = root.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " message ")]')
    if not messages:
        yield reject(path, "", "not a Telegram Desktop HTML export: no div.message elements")
        return
    chat = {"name": header_name(root), **sibling_chat(path)}
    key = channel_key(chat["id"], chat["name"])
    state: dict[str, Any] = {}
    for element in messages:
        try:
            item = read_message(path, element, chat, key, state, opts)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            item = reject(path, element.get("id", ""), f"malformed message: {exc}")
        if item is not None:
            yield item
    if stopped:
        yield reject(path, stopped[0], f"HTML parsing stopped early ({stopped[1]}); later messages were not read")


def header_name(root: Any) -> str | None:
    found = root.xpath('//div[contains(@class, "page_header")]//div[contains(@class, "text")]')
    return found[0].text_content().strip() or None if found else None


def sibling_chat(path: Path) -> dict[str, str | None]:
    """The chat id and type of a `result.json` exported beside this page, from its first bytes."""
    try:
        with path.with_name("result.json").open("rb") as stream:
            head = stream.read(8192).decode("utf-8", errors="replace")
    except OSError:
        return {"id": None, "type": None}
    before = head.split('"messages"', 1)[0]
    found = {k: re.search(rf'^\s{{0,4}}"{k}":\s*"?([\w-]+)', before, re.MULTILINE) for k in ("id", "type")}
    return {k: m.group(1) if m else None for k, m in found.items()}


def classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def child(element: Any, *css_classes: str) -> Any:
    """The first child div that has all the classes."""
    test = " and ".join(f'contains(concat(" ", normalize-space(@class), " "), " {c} ")' for c in css_classes)
    found = element.xpath(f"./div[{test}]")
    return found[0] if found else None


def first(element: Any, css_class: str) -> Any:
    found = element.xpath(f'./descendant-or-self::*[contains(concat(" ", @class, " "), " {css_class} ")]')
    return found[0] if found else None


def read_message(
    path: Path, element: Any, chat: dict[str, Any], key: str, state: dict[str, Any], opts: Options
) -> Document | Reject | None:
    match = MESSAGE_ID.match(element.get("id") or "")
    if not match or int(match.group(1)) < 0:
        return None  # a day separator
    mid = int(match.group(1))
    if "service" in classes(element):
        opts.stats.skip("service")
        state.clear()
        return None
    body = child(element, "body")
    if body is None:
        raise ValueError("a message without a body")
    sender = own_sender(body)
    if sender is not None:
        state["from"], state["via_bot"] = sender
    forwarded = forwarded_from(body, state)
    text_div = text_element(body)
    text, links = flatten(text_div) if text_div is not None else ("", [])
    if not text.strip():
        text = poll_text(body)
    if not text.strip():
        opts.stats.skip("no_text")
        return None
    date = first(body, "date")
    published, ambiguous = parse_time(date.get("title") if date is not None else None, opts.tz)
    meta = message_meta(body, chat, key, mid, state, forwarded)
    post = TelegramPost(key, mid, text, links, meta, published, ambiguous, chat["name"], message_url(chat, mid))
    return telegram_document(path, NAME, post, opts)


def own_sender(body: Any) -> tuple[str, str | None] | None:
    """(name, via bot) from the message's own from_name, not a forwarded one inside it."""
    label = child(body, "from_name")
    if label is None:
        return None
    name = label.text_content().strip()
    via = re.search(r"\s+via\s+(@\w+)$", name)
    return (name[: via.start()], via.group(1)) if via else (name, None)


def forwarded_from(body: Any, state: dict[str, Any]) -> str | None:
    fwd = child(body, "forwarded", "body")
    if fwd is None:
        state.pop("forwarded", None)
        return None
    label = child(fwd, "from_name")
    if label is not None:
        details = "".join(s.text_content() for s in label.xpath('./span[contains(@class, "details")]'))
        name = label.text_content().replace(details, "").strip()
        state["forwarded"] = re.sub(r"\s+via\s+@\w+$", "", name)
    return state.get("forwarded")


def text_element(body: Any) -> Any:
    fwd = child(body, "forwarded", "body")
    return child(fwd if fwd is not None else body, "text")


def message_meta(
    body: Any, chat: dict[str, Any], key: str, mid: int, state: dict[str, Any], forwarded: str | None
) -> dict[str, Any]:
    meta: dict[str, Any] = {"channel": chat["name"], "channel_key": key, "message_id": mid}
    if chat["id"]:
        meta["channel_id"] = chat["id"]
    if chat["type"]:
        meta["chat_type"] = chat["type"]
    for name in ("from", "via_bot"):
        if state.get(name):
            meta[name] = state[name]
    if forwarded:
        meta["forwarded_from"] = forwarded
    reply = first(body, "reply_to")
    if reply is not None:
        found = REPLY_ID.search(html.tostring(reply, encoding="unicode"))
        if found:
            meta["reply_to"] = int(found.group(1))
    signature = first(body, "signature")
    if signature is not None and signature.text_content().strip():
        meta["author"] = signature.text_content().strip()
    reactions = read_reactions(body)
    if reactions:
        meta["reactions"] = reactions
    media = media_type(body)
    if media:
        meta["media"] = media
    return meta


def poll_text(body: Any) -> str:
    """The question and answers of a `div.media_poll`, as the JSON reader writes them."""
    poll = first(body, "media_poll")
    question = first(poll, "question") if poll is not None else None
    if question is None:
        return ""
    answers = []
    for answer in poll.xpath('./div[contains(concat(" ", normalize-space(@class), " "), " answer ")]'):
        details = "".join(span.text_content() for span in answer.xpath('./span[contains(@class, "details")]'))
        label = answer.text_content().strip()
        label = label[: len(label) - len(details.strip())].strip() if details.strip() else label
        answers.append(label.removeprefix("- ").strip())
    return "\n".join([question.text_content().strip(), *(f"- {answer}" for answer in answers)])


def read_reactions(body: Any) -> dict[str, int]:
    result: dict[str, int] = {}
    for reaction in body.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " reaction ")]'):
        emoji, count = first(reaction, "emoji"), first(reaction, "count")
        label = emoji.text_content().strip() if emoji is not None else ""
        digits = re.sub(r"\D", "", count.text_content()) if count is not None else ""
        if label and digits:
            result[label] = result.get(label, 0) + int(digits)
    return result


def media_type(body: Any) -> str | None:
    wrap = first(body, "media_wrap")
    if wrap is None:
        return None
    names = set().union(*(classes(e) for e in wrap.iter() if isinstance(e.tag, str)))
    title = first(wrap, "title")
    by_title = MEDIA_TITLES.get(title.text_content().strip()) if title is not None else None
    if by_title and names & {"media_photo", "media_video"}:
        return by_title
    return next((media for css, media in MEDIA_CLASSES if css in names), by_title)
