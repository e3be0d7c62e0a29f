"""HTML fragments (feed summaries, article bodies) to plain text: blocks and <br> become newlines."""

from __future__ import annotations

import re
from html import unescape as html_unescape

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
