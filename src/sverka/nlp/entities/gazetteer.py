"""The gazetteer: countries, places, organisations, well-known people, demonyms, role nouns.

All of it is data (`sverka/data/gazetteer/*.csv|txt`); this module only loads and indexes it.
Names are matched on a key of lower-cased lemmas ("Министерства обороны России" and
"Министерство обороны России" share one key), so an alias is written once in any case form.
A user extends it with an alias CSV (`alias,name,type[,country]`) via `load_user_aliases`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sverka.config import DATA_DIR
from sverka.errors import ConfigError
from sverka.nlp.morph import lemma_pos

GAZETTEER_DIR = DATA_DIR / "gazetteer"


@dataclass
class Record:
    """One known referent."""

    name: str  # canonical nominative name
    type: str  # PER | LOC | ORG
    country: str | None = None
    kind: str | None = None  # country | region | bloc | city | territory | government | org | person
    aliases: list[str] = field(default_factory=list)


@dataclass
class Gazetteer:
    by_key: dict[str, Record] = field(default_factory=dict)  # lemma key of any name → record
    by_adjective: dict[str, Record] = field(default_factory=dict)  # demonym lemma → country/place
    people_nouns: dict[str, Record] = field(default_factory=dict)  # "россиянин" → Россия
    roles: set[str] = field(default_factory=set)
    collective: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)  # "комитет", "управление": bodies named with a remit
    scan_keys: dict[str, Record] = field(default_factory=dict)  # names safe to look for in raw text
    max_words: int = 1

    def lookup(self, text: str) -> Record | None:
        return self.by_key.get(name_key(text))

    def add(self, record: Record, names: Iterable[str], scan: bool = True) -> None:
        for name in names:
            name = name.strip()
            if not name:
                continue
            key = name_key(name)
            self.by_key.setdefault(key, record)
            if scan and _safe_to_scan(name):
                self.scan_keys.setdefault(key, record)
                self.max_words = max(self.max_words, len(key.split()))


def name_key(text: str) -> str:
    """Lower-cased lemmas joined by spaces; ё folded to е."""
    from razdel import tokenize

    words = [t.text for t in tokenize(text.replace("«", " ").replace("»", " ")) if t.text.strip("\"'")]
    return " ".join(lemma_pos(w)[0].lower().replace("ё", "е") for w in words)


def _safe_to_scan(name: str) -> bool:
    # Two-letter words and lower-case aliases ("Си", "дума") collide with common words in raw text;
    # they still normalise NER mentions, but are not searched for on their own.
    return (len(name) > 2 and name[:1].isupper()) or name[:1].isdigit()


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    yield from csv.DictReader(lines)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _words(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as f:
        return {line.strip().lower() for line in f if line.strip() and not line.startswith("#")}


@cache
def gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    for row in _rows(GAZETTEER_DIR / "countries.csv"):
        rec = Record(row["name"], "LOC", row["iso"], "country", _split(row["aliases"]))
        gaz.add(rec, [rec.name, *rec.aliases])
        for adj in _split(row["adjectives"]):
            gaz.by_adjective[adj] = rec
        for noun in _split(row["people"]):
            gaz.people_nouns[noun] = rec
    for row in _rows(GAZETTEER_DIR / "places.csv"):
        rec = Record(row["name"], row["type"], row["country"] or None, row["kind"], _split(row["aliases"]))
        gaz.add(rec, [rec.name, *rec.aliases])
        for adj in _split(row["adjectives"]):
            gaz.by_adjective[adj] = rec
    for row in _rows(GAZETTEER_DIR / "orgs.csv"):
        rec = Record(row["name"], "ORG", row["country"] or None, "org", _split(row["full"]) + _split(row["aliases"]))
        gaz.add(rec, [rec.name, *rec.aliases])
    for row in _rows(GAZETTEER_DIR / "persons.csv"):
        rec = Record(row["name"], "PER", row["country"] or None, "person", _split(row["aliases"]))
        gaz.add(rec, [rec.name, *rec.aliases])
    gaz.roles = _words(GAZETTEER_DIR / "roles.txt")
    gaz.collective = _words(GAZETTEER_DIR / "collective.txt")
    gaz.bodies = _words(GAZETTEER_DIR / "bodies.txt")
    return gaz


@dataclass
class AliasRow:
    alias: str
    name: str
    type: str  # PER | LOC | ORG
    country: str | None = None


def read_alias_rows(path: str | Path) -> list[AliasRow]:
    """A user's alias CSV (`alias,name,type[,country]`, header optional, # comments), checked line by line."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig") as f:
            rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the alias file ({exc.strerror})") from exc
    if rows and [c.strip().lower() for c in rows[0][:3]] == ["alias", "name", "type"]:
        rows = rows[1:]
    out = []
    for lineno, row in enumerate(rows, 1):
        if len(row) < 3 or row[2].strip().upper() not in ("PER", "LOC", "ORG"):
            raise ConfigError(f"{path}:{lineno}: expected alias,name,type[,country] with type PER, LOC or ORG")
        country = row[3].strip() or None if len(row) > 3 else None
        out.append(AliasRow(row[0].strip(), row[1].strip(), row[2].strip().upper(), country))
    return out


def load_user_aliases(path: str | Path) -> int:
    """Add a user's alias CSV to the gazetteer; user aliases win over the shipped ones.

    Returns how many aliases were added.
    """
    gaz = gazetteer()
    rows = read_alias_rows(path)
    for row in rows:
        record = gaz.lookup(row.name) or Record(row.name, row.type, row.country, "user")
        for key_name in (row.alias, row.name):
            key = name_key(key_name)
            gaz.by_key[key] = record
            if _safe_to_scan(key_name):
                gaz.scan_keys[key] = record
                gaz.max_words = max(gaz.max_words, len(key.split()))
    return len(rows)
