"""Claim units: the clauses a post asserts, cut from sentences and lines, with their syntax.

A unit is a sentence or a line (a headline, a list item) without its final full stop, with
channel boilerplate, questions and captions left out. A short separate attribution sentence
("Об этом сообщил …") and a quote block's attribution line ("— пояснял Нетаньяху") join the
unit they attribute; a quote interrupted by its frame («…, — сказал он. — …») stays one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sverka.doc import Analysis, Token
from sverka.nlp.claims.lexicon import lexicon

# Emoji, bullets and list dashes that open Telegram lines; not part of the claim.
LEAD_JUNK = re.compile(r"[\W_]*?(?=[\w«\"“„(\[])", re.UNICODE)
URL = re.compile(r"https?://\S+|\b\w+\.(?:ru|com|in|ly|me)/\S*")
TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}\b")
MIN_WORDS = 3
DASH_LINE = re.compile(r"^\s*[—–-]\s*\w")


@dataclass
class Unit:
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    trees: list[dict[int, Token]] = field(default_factory=list)  # one id → token map per sentence
    tree_of: dict[int, int] = field(default_factory=dict)  # token start → index into trees
    paragraph: int = 0
    names: list[tuple[int, int, str]] = field(default_factory=list)  # entity mentions: start, end, type
    dialogue: bool = False  # the line opened with a dash: direct speech in dialogue style

    def head(self, tok: Token) -> Token | None:
        return self.trees[self.tree_of[tok.start]].get(tok.head)

    def children(self, tok: Token, rels: tuple[str, ...] | None = None) -> list[Token]:
        tree = self.trees[self.tree_of[tok.start]]
        return [t for t in tree.values() if t.head == tok.id and (rels is None or t.rel in rels)]

    def subtree(self, tok: Token, skip: tuple[str, ...] = ()) -> list[Token]:
        out, todo, seen = [], [tok], {tok.id}
        while todo:
            cur = todo.pop()
            out.append(cur)
            kids = [c for c in self.children(cur) if c.rel not in skip and c.id not in seen]
            seen.update(c.id for c in kids)
            todo.extend(kids)
        return sorted(out, key=lambda t: t.start)

    def inside(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def split_units(analysis: Analysis) -> list[Unit]:
    pieces = [p for s_idx, sent in enumerate(analysis.sents) for p in _lines(analysis, s_idx, sent.start, sent.end)]
    units: list[Unit] = []
    for start, end in pieces:
        text = analysis.text[start:end]
        if units and _joins_previous(text, units[-1].text):
            prev = units[-1]
            units[-1] = Unit(prev.start, end, analysis.text[prev.start : end])
            # a quote block over several sentences: its whole paragraph is the quote
            while DASH_LINE.match(text) and len(units) > 1 and _same_paragraph(analysis.text, units[-2], units[-1]):
                first = units.pop(-2)
                units[-1] = Unit(first.start, end, analysis.text[first.start : end])
        else:
            units.append(Unit(start, end, text))
    kept = [u for u in (_trim(analysis.text, u) for u in units) if u is not None and _is_claim(u.text)]
    mentions = [(m.start, m.end, e.type) for e in analysis.entities for m in e.mentions]
    for u in kept:
        _attach_tokens(analysis, u)
        u.paragraph = analysis.text.count("\n\n", 0, u.start)
        u.names = [m for m in mentions if u.start <= m[0] and m[1] <= u.end]
    return kept


def _lines(analysis: Analysis, s_idx: int, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in re.finditer(r"\n", analysis.text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if analysis.text[a:b].strip()]


def _same_paragraph(text: str, a: Unit, b: Unit) -> bool:
    return "\n\n" not in text[a.end : b.start]


def _joins_previous(text: str, prev: str) -> bool:
    stripped = text.strip()
    words = stripped.split()
    speech = lexicon().speech_verbs
    if re.match(r"^[—–-]\s*\w", stripped) and len(words) > 1 and _lemma_guess(words[1]) in speech:
        return True  # "— пояснял ранее Нетаньяху." under a quote block
    if re.match(r"^Об этом\b", stripped) and len(words) <= 20:
        return True
    return _open_quote(prev)


def _open_quote(text: str) -> bool:
    return text.count("«") > text.count("»") or text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _lemma_guess(word: str) -> str:
    from sverka.nlp.models import morph_analyzer

    return morph_analyzer().parse(word.strip(".,:;!?"))[0].normal_form


def _trim(text: str, unit: Unit) -> Unit | None:
    start, end = unit.start, unit.end
    m = LEAD_JUNK.match(text, start, end)
    dialogue = False
    if m:
        dialogue = bool(re.match(r"\s*[—–]\s", text[m.start() : m.end()]))
        start = m.end()
    while end > start and text[end - 1] in " \t\n\r\u00a0":
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    if end <= start:
        return None
    return Unit(start, end, text[start:end], dialogue=dialogue)


def _is_claim(text: str) -> bool:
    low = re.sub(r"^[\W_]+", "", text.lower())
    if text.rstrip().endswith("?") or TIMESTAMP.match(low) or low.startswith("#"):
        return False
    if any(low.startswith(b) for b in lexicon().boilerplate) or "(фото" in low:
        return False
    words = re.findall(r"[^\W\d_]{2,}", URL.sub(" ", text))
    return len(words) >= MIN_WORDS


def _attach_tokens(analysis: Analysis, unit: Unit) -> None:
    for sent in analysis.sents:
        if sent.end <= unit.start or sent.start >= unit.end:
            continue
        unit.trees.append({t.id: t for t in sent.tokens})
        for tok in sent.tokens:
            unit.tree_of[tok.start] = len(unit.trees) - 1  # every token of the sentence, to walk the tree
            if unit.inside(tok.start, tok.end):
                unit.tokens.append(tok)
