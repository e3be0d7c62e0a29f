"""Emoji and pictographs masked with spaces, offsets unchanged.

Channels open lines with "❗️", "⚡️", "▪️": razdel glues such a symbol to the next word
("❗️Источник"), and the word is then lost to NER, lemmas and syntax. The taggers read a copy of
the text in which every such code point is a space; offsets into the original stay valid.
"""

from __future__ import annotations

import re

# Pictographs, dingbats, arrows, geometric shapes, emoji modifiers, keycaps, variation selectors and
# zero-width joiners. "№", "°", currency and math signs are kept: they belong to the words beside them.
SYMBOLS = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u25a0-\u25ff\u2300-\u23ff"
    "\u2700-\u27bf\ufe0e\ufe0f\u200d\u20e3\U000e0020-\U000e007f]"
)


def mask_symbols(text: str) -> str:
    return SYMBOLS.sub(" ", text)
