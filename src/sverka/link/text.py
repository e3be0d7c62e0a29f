"""What linking sees of a post: its text without channel boilerplate, content lemmas, entities, time.

Channels end posts with calls to action ("Подписаться", "Прислать новость") and wrap text in Markdown;
both would make unrelated posts of one channel look alike, so they are removed first. Lemmas come from
`sverka.nlp.morph.lemma_pos` (cached per word form), so "Токаева" and "Токаев" count as one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from sverka.config import DATA_DIR
from sverka.doc import Analysis, Document
from sverka.nlp.morph import lemma_pos

FUNCTION_POS = {"CONJ", "PREP", "PRCL", "INTJ", "NPRO", "PUNCT"}
STOP_LEMMAS = {"быть", "это", "который", "весь", "свой", "также", "ещё", "еще", "год", "время"}

# Words, numbers ("6,4", "11:00") and hyphenated names; a regex, not razdel: linking reads every post of
# a corpus and needs words, not razdel's punctuation-exact tokens.
TOKEN = re.compile(r"\d+(?:[.,:]\d+)+|\w+(?:[-'’]\w+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[А-ЯЁA-Z0-9])|\n+")
_LINK_TARGET = re.compile(r"\]\((?:https?://|tg://|mailto:)[^)\s]*\)")
_URL = re.compile(r"(?:https?://|www\.|t\.me/|bit\.ly/)\S+")
_HANDLE = re.compile(r"(?<!\w)@\w{3,}")
_MARKUP = re.compile(r"[*_~`\[\]|]+")
_SYMBOLS = re.compile(r"[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d\u2b00-\u2bff]+")  # emoji, arrows, marks


@dataclass
class LinkDoc:
    """One post as the linker sees it."""

    id: str
    source: str | None
    published: datetime | None  # timezone-aware (UTC when the source gave no zone)
    text: str  # cleaned: no Markdown, links or boilerplate lines
    lemmas: list[str]  # content lemmas in text order (function words left out)
    entities: set[str] = field(default_factory=set)  # canonical entity ids, e.g. "PER:Владимир Путин"
    forwarded_from: str | None = None
    claims: list[dict] = field(default_factory=list)
    sentences: list[tuple[str, list[str]]] = field(default_factory=list)  # (sentence, its content lemmas)


def link_doc(item: Document | Analysis) -> LinkDoc:
    text = clean_text(item.text)
    meta = getattr(item, "meta", {}) or {}
    entities = {e.id for e in getattr(item, "entities", [])}
    sents = [(s, content_lemmas(s)) for s in sentences(text)]  # lemmatised once, used by stories and claims
    return LinkDoc(
        id=item.id,
        source=item.source or meta.get("channel"),
        published=aware(item.published),
        text=text,
        lemmas=[lemma for _, lemmas in sents for lemma in lemmas],
        sentences=sents,
        entities=entities,
        forwarded_from=meta.get("forwarded_from"),
        claims=list(getattr(item, "claims", []) or []),
    )


def aware(when: datetime | None) -> datetime | None:
    if when is None or when.tzinfo is not None:
        return when
    return when.replace(tzinfo=UTC)


def clean_text(text: str) -> str:
    """The post without Markdown, URLs, @handles and boilerplate lines."""
    lines = []
    for line in text.splitlines():
        if is_boilerplate(line):
            continue
        line = _LINK_TARGET.sub("]", line)
        line = _URL.sub(" ", line)
        line = _HANDLE.sub(" ", line)
        line = _MARKUP.sub("", line)
        line = _SYMBOLS.sub(" ", line)
        if line.strip():
            lines.append(line.strip())
    return "\n".join(lines)


def is_boilerplate(line: str) -> bool:
    low = line.lower()
    return any(phrase in low for phrase in boilerplate_phrases())


@cache
def boilerplate_phrases() -> tuple[str, ...]:
    path = DATA_DIR / "link" / "boilerplate.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def content_lemmas(text: str) -> list[str]:
    """Lemmas of content words and numbers, lower-cased, ё folded."""
    out = []
    for word in TOKEN.findall(text):
        lemma, pos = lemma_pos(word)
        lemma = lemma.lower().replace("ё", "е")
        if pos in FUNCTION_POS or lemma in STOP_LEMMAS or (len(lemma) < 2 and not lemma.isdigit()):
            continue
        out.append(lemma)
    return out


def sentences(text: str) -> list[str]:
    """Sentences split at end punctuation before a capital, and at line breaks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
