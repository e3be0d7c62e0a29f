"""Whose stance: the author's, or an entity's the sentence quotes ("X заявил, что Y ...").

Read off the dependency tree: going up from the mention, a speech or opinion verb whose subject
is another entity's mention makes that entity the holder; so does "по словам X" / "по мнению X".
"""

from __future__ import annotations

from functools import cache

from sverka.config import DATA_DIR
from sverka.doc import Token
from sverka.nlp.stance.features import word

ATTRIBUTION_NOUNS = frozenset({"слово", "мнение", "данные", "оценка"})  # "по словам X", "по мнению X"


@cache
def speech_verbs() -> frozenset[str]:
    lines = (DATA_DIR / "stance" / "speech_verbs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def find_holder(tokens: list[Token], span: tuple[int, int], spans: list[tuple[int, int, str]],
                entity_id: str) -> str | None:
    """The id of the entity that holds the opinion expressed about tokens[span], or None (the author)."""
    if not tokens or not tokens[0].id:
        return None  # no syntax: take everything as the author's
    owner = {i: eid for i, t in enumerate(tokens) for s, e, eid in spans if s <= t.start < e and eid != entity_id}
    by_id = {t.id: i for i, t in enumerate(tokens)}
    for i, t in enumerate(tokens):  # "по словам X": X holds what the whole sentence says
        head = by_id.get(t.head)
        if i in owner and head is not None and word(tokens[head]) in ATTRIBUTION_NOUNS:
            return owner[i]
    node: int | None = span[0]
    seen: set[int] = set()
    while node is not None and node not in seen:
        seen.add(node)
        if word(tokens[node]) in speech_verbs():
            subject = _subject(tokens, node, by_id)
            if subject is not None and subject in owner and not span[0] <= subject < span[1]:
                return owner[subject]
        node = by_id.get(tokens[node].head)
    return None


def is_speaker(tokens: list[Token], span: tuple[int, int]) -> bool:
    """The mention is the subject of a speech or attitude verb, or "по словам X": it holds an opinion there."""
    if not tokens or not tokens[0].id:
        return False
    by_id = {t.id: i for i, t in enumerate(tokens)}
    for i in range(*span):
        head = by_id.get(tokens[i].head)
        if head is not None and not span[0] <= head < span[1]:
            lemma = word(tokens[head])
            return lemma in ATTRIBUTION_NOUNS or (tokens[i].rel.startswith("nsubj") and lemma in speech_verbs())
    return False


def _subject(tokens: list[Token], verb: int, by_id: dict[int, int]) -> int | None:
    return next((i for i, t in enumerate(tokens)
                 if by_id.get(t.head) == verb and t.rel.startswith("nsubj")), None)
