"""The claim lexicons (src/sverka/data/claims/): loaded once, matched on lowercase words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sverka.config import DATA_DIR

CLAIMS_DATA = DATA_DIR / "claims"


def _lines(name: str) -> list[str]:
    text = (CLAIMS_DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _table(name: str) -> dict[str, str]:
    rows = (ln.split("\t") for ln in _lines(name))
    return {row[0].strip(): row[1].strip() for row in rows}


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: dict[str, str]  # lemma → public | private | opinion
    frame_phrases: dict[str, str]  # "по словам" → speaker | document
    anonymous: frozenset[str]
    insider: tuple[str, ...]
    closed_door: tuple[str, ...]
    hedges: tuple[str, ...]
    certainty: tuple[str, ...]
    common_knowledge: tuple[str, ...]
    loaded: tuple[str, ...]
    opinion: tuple[str, ...]
    prediction: tuple[str, ...]
    boilerplate: tuple[str, ...]
    event_triggers: dict[str, str]  # lemma → event type


@cache
def lexicon() -> Lexicon:
    return Lexicon(
        speech_verbs=_table("speech_verbs.tsv"),
        frame_phrases=_table("frame_phrases.tsv"),
        anonymous=frozenset(_lines("anonymous_sources.txt")),
        insider=tuple(_lines("insider_markers.txt")),
        closed_door=tuple(_lines("closed_door.txt")),
        hedges=tuple(_lines("hedges.txt")),
        certainty=tuple(_lines("certainty.txt")),
        common_knowledge=tuple(_lines("common_knowledge.txt")),
        loaded=tuple(_lines("loaded_words.txt")),
        opinion=tuple(_lines("opinion_markers.txt")),
        prediction=tuple(_lines("prediction_markers.txt")),
        boilerplate=tuple(_lines("boilerplate.txt")),
        event_triggers=_table("event_triggers.tsv"),
    )


def find_phrases(text: str, phrases: tuple[str, ...], stems: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each phrase in `text`, matched at word starts, case-insensitively.

    With `stems`, a one-word entry matches any word that starts with it; phrases match whole words.
    """
    low = text.lower().replace("ё", "е")
    hits = []
    for phrase in phrases:
        key = phrase.lower().replace("ё", "е")
        start = 0
        while (i := low.find(key, start)) >= 0:
            start = i + 1
            if i > 0 and (low[i - 1].isalnum() or low[i - 1] == "-"):
                continue
            j = i + len(key)
            whole = j >= len(low) or not (low[j].isalnum() or low[j] == "-")
            if whole or (stems and " " not in key):
                end = j
                while stems and end < len(low) and low[end].isalnum():
                    end += 1
                hits.append((i, end, phrase))
    return sorted(set(hits))
