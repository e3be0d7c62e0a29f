"""Saved HTML articles: the main text by trafilatura; title, date, author and URL from the page's own
metadata first, trafilatura's guesses second. `meta["field_sources"]` says where each came from:

| field | looked for in order |
|---|---|
| url | `link[rel=canonical]`, `meta[og:url]`, a browser's `<!-- saved from url=(N)... -->` comment |
| title | `meta[og:title]`, JSON-LD `headline`, `<title>`, then trafilatura |
| published | `meta[article:published_time]`, JSON-LD `datePublished`, `meta[name=pubdate/date]`, |
|  | `time[datetime]`, then trafilatura (htmldate heuristics, day precision) |
| author | `meta[name=author]`, `meta[article:author]`, JSON-LD `author.name`, then trafilatura |
| text | trafilatura, else the page's whole visible text (`body_text`) |

The id comes from the URL when one is found (`url:<sha1>`), else from the text (`file:<sha1>`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from sverka.doc import Document
from sverka.errors import ReadError
from sverka.readers.base import Reject
from sverka.readers.common import Options, make_document, reject, text_id, url_id
from sverka.readers.compressed import READ_ERRORS, read_bounded_text
from sverka.readers.dates import parse_time
from sverka.readers.markup import html_to_text

NAME = "html"
MAX_FILE_BYTES = 32 << 20
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
META = {
    "url": ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'),
    "title": ('//meta[@property="og:title"]/@content',),
    "published": ('//meta[@property="article:published_time"]/@content',),
    "author": ('//meta[@name="author"]/@content', '//meta[@property="article:author"]/@content'),
}
LATE_DATES = (
    '//meta[@name="pubdate"]/@content',
    '//meta[@name="date"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    "//time/@datetime",
)


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    try:
        page = read_bounded_text(path, MAX_FILE_BYTES)
        root = lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", page))
    except ReadError as exc:
        yield reject(path, exc.position, exc.reason)
        return
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, *READ_ERRORS) as exc:
        yield reject(path, "", f"cannot parse HTML: {exc}")
        return
    fields, sources = page_metadata(page, root)
    extracted = extract(page, fields.get("url"))
    text = (extracted or {}).get("text") or ""
    sources["text"] = "trafilatura"
    if not text.strip():
        text, sources["text"] = body_text(root), "body_text"
    if not text.strip():
        opts.stats.skip("no_text")
        return
    fill_from_trafilatura(fields, sources, extracted or {})
    published, ambiguous = parse_time(fields.get("published"), opts.tz)
    meta: dict[str, Any] = {"field_sources": sources}
    for name in ("title", "author"):
        if fields.get(name):
            meta[name] = fields[name]
    if ambiguous:
        meta["time_ambiguous"] = True
    url = fields.get("url")
    doc_id = url_id(url) if url else text_id(text)
    yield make_document(
        path, "", NAME, doc_id, text, opts, meta, published=published, url=url, source=(extracted or {}).get("sitename")
    )


def page_metadata(page: str, root: Any) -> tuple[dict[str, str], dict[str, str]]:
    fields: dict[str, str] = {}
    sources: dict[str, str] = {}
    ld = json_ld(root)

    def offer(name: str, value: Any, source: str) -> None:
        if name not in fields and isinstance(value, str) and value.strip():
            fields[name], sources[name] = value.strip(), source

    for name, paths in META.items():
        for xpath in paths:
            offer(name, first(root, xpath), xpath_label(xpath))
    saved = SAVED_FROM.search(page[:4096])
    offer("url", saved.group(1) if saved else None, "comment[saved from url]")
    offer("title", ld.get("headline"), "json-ld[headline]")
    offer("title", first(root, "//title/text()"), "title")
    offer("published", ld.get("datePublished"), "json-ld[datePublished]")
    for xpath in LATE_DATES:
        offer("published", first(root, xpath), xpath_label(xpath))
    author = ld.get("author")
    author = author[0] if isinstance(author, list) and author else author
    offer("author", author.get("name") if isinstance(author, dict) else author, "json-ld[author]")
    return fields, sources


def first(root: Any, xpath: str) -> str | None:
    found = root.xpath(xpath)
    return str(found[0]) if found else None


def xpath_label(xpath: str) -> str:
    """'//meta[@property="og:url"]/@content' -> 'meta[og:url]'."""
    match = re.match(r'//(\w+)(?:\[@\w+="([^"]+)"\])?', xpath)
    tag, attr = match.groups() if match else (xpath, None)
    return f"{tag}[{attr}]" if attr else tag


def json_ld(root: Any) -> dict[str, Any]:
    """The first JSON-LD object that looks like an article."""
    for script in root.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data if isinstance(data, list) else []
        for item in items:
            if isinstance(item, dict) and ("datePublished" in item or "headline" in item):
                return item
    return {}


def extract(page: str, url: str | None) -> dict[str, Any] | None:
    import trafilatura  # slow to import; only this reader needs it

    try:
        result = trafilatura.bare_extraction(page, url=url, with_metadata=True)
    except (ValueError, TypeError, AttributeError, etree.LxmlError):
        return None
    if result is None or isinstance(result, dict):
        return result
    return result.as_dict()


def fill_from_trafilatura(fields: dict[str, str], sources: dict[str, str], extracted: dict[str, Any]) -> None:
    for name, key in (("title", "title"), ("published", "date"), ("author", "author"), ("url", "url")):
        value = extracted.get(key)
        if name not in fields and isinstance(value, str) and value.strip():
            fields[name], sources[name] = value.strip(), "trafilatura"


def body_text(root: Any) -> str:
    body = root.find("body")
    if body is None:
        return ""
    return html_to_text(lxml_html.tostring(body, encoding="unicode"))
