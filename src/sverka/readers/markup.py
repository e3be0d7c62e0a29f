"""HTML fragments (feed summaries, article bodies) to plain text: blocks and <br> become newlines."""

from __future__ import annotations

import re
from html import unescape as html_unescape
from typing import Any

from lxml import etree, html

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "section", "article"}


def html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return html_unescape(fragment).strip()
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return html_unescape(re.sub(r"<[^>]*>", " ", fragment)).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()


def parse_page(page: str) -> tuple[Any, tuple[str, str] | None]:
    """(root, (position, why the parser stopped early) or None). libxml2 gives up on pages nested deeper than 256
    levels and silently drops the rest; the caller reports it instead of losing messages quietly."""
    parser = html.HTMLParser()
    root = html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", page), parser=parser)
    fatal = next((e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT" or e.level_name == "FATAL"), None)
    return root, ((f"line {fatal.line}", fatal.message.strip()) if fatal is not None else None)
