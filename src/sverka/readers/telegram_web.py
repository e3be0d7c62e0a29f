"""Telegram's public web preview of a channel (`https://t.me/s/<username>`), saved or fetched.

Each `div.tgme_widget_message[data-post="<username>/<id>"]` is a post: text from
`div.tgme_widget_message_text` (not the quoted one of a reply), time from
`a.tgme_widget_message_date > time[datetime]` (with an offset), URL from that link, views
(`1.2K` is read as 1200, so approximate), signature, "Forwarded from", the replied-to message
id and the media type. Service posts (`service_message`) are skipped and counted.

The page names the channel by username only, so the channel key is `@<username>` (lower case):
these ids (`tg:@rian_ru:270635`) do not merge with exports and dumps keyed by numeric id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from sverka.doc import Document
from sverka.errors import ReadError
from sverka.readers.base import Reject
from sverka.readers.common import Options, TelegramPost, reject, telegram_document
from sverka.readers.compressed import READ_ERRORS, read_bounded_text
from sverka.readers.dates import parse_time
from sverka.readers.encoding import decode_bytes
from sverka.readers.fetch import fetch_bytes
from sverka.readers.markup import parse_page
from sverka.readers.telegram_html_text import flatten

NAME = "telegram_web"
MAX_PAGE_BYTES = 32 << 20
POST = re.compile(r"([A-Za-z0-9_]+)/(\d+)$")
MULTIPLIERS = {"": 1, "K": 1_000, "M": 1_000_000}
MEDIA_CLASSES = (
    ("tgme_widget_message_photo_wrap", "photo"),
    ("tgme_widget_message_video_player", "video_file"),
    ("tgme_widget_message_roundvideo_player", "video_message"),
    ("tgme_widget_message_voice", "voice_message"),
    ("tgme_widget_message_sticker", "sticker"),
    ("tgme_widget_message_document", "file"),
    ("tgme_widget_message_poll", "poll"),
    ("tgme_widget_message_location", "location"),
)


def read(path: Path | str, opts: Options) -> Iterator[Document | Reject]:
    try:
        if isinstance(path, str):
            page = decode_bytes(fetch_bytes(path, MAX_PAGE_BYTES), path)
        else:
            page = read_bounded_text(path, MAX_PAGE_BYTES)
        root, stopped = parse_page(page)
    except ReadError as exc:
        yield reject(path, exc.position, exc.reason)
        return
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, *READ_ERRORS) as exc:
        yield reject(path, "", f"cannot parse HTML: {exc}")
        return
    posts = root.xpath(
        "//div[@data-post][contains(concat(' ', normalize-space(@class), ' '), ' tgme_widget_message ')]"
    )
    if not posts:
        yield reject(path, "", "not a t.me/s channel page: no div.tgme_widget_message[data-post]")
        return
    channel = page_channel(root)
    for post in posts:
        try:
            item = read_post(path, post, channel, opts)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            item = reject(path, post.get("data-post", ""), f"malformed post: {exc}")
        if item is not None:
            yield item
    if stopped:
        yield reject(path, stopped[0], f"HTML parsing stopped early ({stopped[1]}); later posts were not read")


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def find(post: Any, name: str, extra: str = "") -> Any:
    found = post.xpath(f".//*[{has_class(name)}]{extra}")
    return found[0] if found else None


def page_channel(root: Any) -> str | None:
    """The channel's display name: the first post author on the page, else the page's og:title."""
    names = root.xpath(f"//*[{has_class('tgme_widget_message_owner_name')}]") or root.xpath(
        f"//*[{has_class('tgme_channel_info_header_title')}]"
    )
    name = names[0].text_content().strip() if names else None
    titles = root.xpath('//meta[@property="og:title"]/@content')
    return name or (str(titles[0]).strip() if titles else None) or None


def read_post(path: Path | str, post: Any, channel: str | None, opts: Options) -> Document | Reject | None:
    match = POST.search(post.get("data-post") or "")
    if not match:
        return reject(path, post.get("data-post", ""), "a post without a username/id in data-post")
    username, mid = match.group(1), int(match.group(2))
    if "service_message" in (post.get("class") or ""):
        opts.stats.skip("service")
        return None
    body = post.xpath(
        f".//div[{has_class('tgme_widget_message_text')}][not(ancestor::*[{has_class('tgme_widget_message_reply')}])]"
    )
    text, links = flatten(body[0]) if body else ("", [])
    if not text.strip():
        opts.stats.skip("no_text")
        return None
    key = "@" + username.lower()
    date = find(post, "tgme_widget_message_date")
    stamp = date.xpath(".//time/@datetime") if date is not None else []
    published, ambiguous = parse_time(stamp[0] if stamp else None, opts.tz)
    meta = post_meta(post, key, mid)
    meta.setdefault("channel", channel)
    url = date.get("href") if date is not None and date.get("href") else f"https://t.me/{username}/{mid}"
    post = TelegramPost(key, mid, text, links, meta, published, ambiguous, meta.get("channel"), url)
    return telegram_document(path, NAME, post, opts)


def post_meta(post: Any, key: str, mid: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"channel_key": key, "message_id": mid}
    for name, css in (
        ("channel", "tgme_widget_message_owner_name"),
        ("author", "tgme_widget_message_from_author"),
        ("forwarded_from", "tgme_widget_message_forwarded_from_name"),
    ):
        found = find(post, css)
        if found is not None and found.text_content().strip():
            meta[name] = found.text_content().strip()
    reply = find(post, "tgme_widget_message_reply")
    replied = POST.search(reply.get("href") or "") if reply is not None else None
    if replied:
        meta["reply_to"] = int(replied.group(2))
    views = find(post, "tgme_widget_message_views")
    if views is not None and count(views.text_content()) is not None:
        meta["views"] = count(views.text_content())
    media = next((media for css, media in MEDIA_CLASSES if find(post, css) is not None), None)
    if media:
        meta["media"] = media
    return meta


def count(label: str) -> int | None:
    """'1.2M' -> 1200000, '15.3K' -> 15300, '987' -> 987."""
    match = re.fullmatch(r"\s*([\d.,]+)\s*([KM]?)\s*", label)
    if not match:
        return None
    try:
        return round(float(match.group(1).replace(",", ".")) * MULTIPLIERS[match.group(2)])
    except ValueError:
        return None
