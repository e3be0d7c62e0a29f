"""Shared pieces of attribution frames: the Frame record, quoted ranges, the head of a span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sverka.doc import Token
from sverka.nlp.claims.units import Unit

VERBAL = ("VERB", "INFN", "GRND", "PRTS", "PRTF")


NP_SKIP = ("acl", "acl:relcl", "punct", "parataxis", "ccomp", "conj", "cc", "advcl", "xcomp", "csubj")


QUOTES = "«»\"“”„"


@dataclass
class Frame:
    kind: str  # phrase | verb | dash | colon | own | document | known
    cue: str  # the cue words as written (заявил, по словам, —)
    start: int  # the attribution words: source_text = text[start:end]
    end: int
    register: str = "public"  # public | private | opinion (from the speech-verb lexicon)
    speaker_start: int | None = None  # the speaker noun group, when the frame has one
    speaker_end: int | None = None
    speaker_head: Token | None = None
    cue_token: Token | None = None


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (relative to text) inside «…» and "…" pairs."""
    ranges, depth, open_at = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                ranges.append((open_at, i + 1))
    for m in re.finditer(r"[\"“„]([^\"“”„]*)[\"”“]", text):
        ranges.append((m.start(), m.end()))
    return ranges


def in_quotes(unit: Unit, tok: Token) -> bool:
    rel = tok.start - unit.start
    if re.search(r"[,.!?…]\s*[—–-]\s*$", unit.text[max(0, rel - 4) : rel]):
        return False  # «…, — сказал он. — …»: the frame inside an interrupted quote
    return any(a < rel < b for a, b in quoted_ranges(unit.text))


def span_head(unit: Unit, start: int, end: int) -> Token | None:
    """The syntactic head of a span: its first token whose head lies outside it ("один из X" → X)."""
    toks = [t for t in unit.tokens if start <= t.start and t.end <= end and t.pos != "PUNCT"]
    ids = {(unit.tree_of[t.start], t.id) for t in toks}
    heads = [t for t in toks if (unit.tree_of[t.start], t.head) not in ids]
    head = heads[0] if heads else (toks[0] if toks else None)
    if head is not None and head.lemma in ("один", "некоторый", "многие", "часть", "ряд"):
        inner = unit.children(head, ("nmod",))
        head = inner[0] if inner else head
    return head
