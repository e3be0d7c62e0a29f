"""One entity across posts: canonical ids merged across documents, with a log of merges and splits.

Within a document the entities stage already gives ids from canonical names ("PER:Владимир Путин",
nicknames such as "ВВП" resolved by the gazetteer's alias data). Across documents two things remain:
a person named by surname alone in one post ("PER:Токаев") and in full in another
("PER:Касым-Жомарт Токаев"), and a user's own aliases. Rules, in order:

1. a user alias (`alias,name,type` CSV, the same format as `sverka analyze --aliases`) maps a name;
2. a one-word person name merges into the only multi-word person name seen with that last word
   (two "…Токаев" full names: no merge, the surname stays its own entity);
3. a user split between two ids forbids rule 2 for that pair.

Every automatic or user merge and every split is an `Operation` in `log`; `undo(op_id)` reverses one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sverka.errors import ConfigError
from sverka.nlp.entities.gazetteer import name_key, read_alias_rows
from sverka.nlp.morph import parses


@dataclass
class Operation:
    id: int
    op: str  # merge | split
    a: str  # entity id merged away (or one side of a split)
    b: str  # entity id it was merged into (or the other side)
    reason: str
    source: str  # auto | user
    undone: bool = False


@dataclass
class EntityRegistry:
    names: dict[str, str] = field(default_factory=dict)  # entity id → display name
    types: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # name key → canonical entity id (user aliases)
    log: list[Operation] = field(default_factory=list)
    _canon: dict[str, str] = field(default_factory=dict)

    def add(self, entity_id: str, name: str, typ: str) -> None:
        if entity_id not in self.names:
            self.names[entity_id] = name
            self.types[entity_id] = typ
            self._canon.clear()  # recomputed lazily: a new full name may absorb known surnames

    def load_aliases(self, path: str | Path) -> int:
        """A user alias CSV: `alias,name,type` rows (header optional); returns how many were read."""
        rows = read_alias_rows(path)
        for row in rows:
            target = f"{row.type}:{row.name}"
            self.add(target, row.name, row.type)
            self.aliases[name_key(row.alias)] = target
            self._record("merge", f"{row.type}:{row.alias}", target, f"user alias {row.alias!r} → {row.name!r}", "user")
        self._canon.clear()
        return len(rows)

    def split(self, a: str, b: str, reason: str = "user split") -> Operation:
        """Keep two ids apart even if the rules would merge them."""
        op = self._record("split", a, b, reason, "user")
        self._canon.clear()
        return op

    def undo(self, op_id: int) -> Operation:
        op = next((o for o in self.log if o.id == op_id), None)
        if op is None:
            raise ConfigError(f"no merge or split #{op_id}; see the log with `sverka entity --log`")
        op.undone = True
        self._canon.clear()
        return op

    def canonical(self, entity_id: str) -> str:
        if not self._canon:
            self._resolve()
        return self._canon.get(entity_id, entity_id)

    def members(self, canon_id: str) -> list[str]:
        return sorted(e for e in self.names if self.canonical(e) == canon_id)

    def find(self, name: str) -> str | None:
        """The canonical id for a name a user typed ("Токаев", "токаева", "Касым-Жомарт Токаев")."""
        key = name_key(name)
        if key in self.aliases:
            return self.canonical(self.aliases[key])
        for entity_id, known in self.names.items():
            if name_key(known) == key:
                return self.canonical(entity_id)
        # "Токаева" → any name whose last word can be the same lemma ("Токаев", "Касым-Жомарт Токаев")
        wanted = word_forms(name.split()[-1]) if name.split() else set()
        last = [e for e, n in self.names.items() if n.split() and wanted & word_forms(n.split()[-1])]
        last.sort(key=lambda e: (-len(self.names[e].split()), e))
        return self.canonical(last[0]) if last else None

    def _resolve(self) -> None:
        undone = {o.id for o in self.log if o.undone}
        splits = {frozenset((o.a, o.b)) for o in self.log if o.op == "split" and o.id not in undone}
        by_last: dict[tuple[str, str], list[str]] = defaultdict(list)
        for entity_id, name in self.names.items():
            words = name_key(name).split()
            if self.types[entity_id] == "PER" and len(words) > 1:
                by_last[("PER", words[-1])].append(entity_id)
        for entity_id, name in self.names.items():
            target = self.aliases.get(name_key(name), entity_id)
            words = name_key(name).split()
            if target == entity_id and self.types[entity_id] == "PER" and len(words) == 1:
                full = by_last.get(("PER", words[0]), [])
                if len(full) == 1 and frozenset((entity_id, full[0])) not in splits:
                    target = full[0]
                    if not self._logged(entity_id, target):
                        self._record("merge", entity_id, target, f"surname {name!r} of {self.names[target]!r}", "auto")
            if any(o.op == "merge" and o.a == entity_id and o.b == target and o.undone for o in self.log):
                target = entity_id
            self._canon[entity_id] = target

    def _logged(self, a: str, b: str) -> bool:
        return any(o.op == "merge" and o.a == a and o.b == b for o in self.log)

    def _record(self, op: str, a: str, b: str, reason: str, source: str) -> Operation:
        entry = Operation(len(self.log) + 1, op, a, b, reason, source)
        self.log.append(entry)
        return entry


def word_forms(word: str) -> set[str]:
    """The word lower-cased and every normal form pymorphy3 gives it (surnames have several)."""
    return {word.lower().replace("ё", "е")} | {p.normal_form.replace("ё", "е") for p in parses(word)}


def co_mentions(doc_entities: dict[str, list[str]], canon: str) -> Counter[str]:
    """How often each other canonical entity appears in the posts that mention `canon`."""
    counts: Counter[str] = Counter()
    for ids in doc_entities.values():
        if canon in ids:
            counts.update(e for e in set(ids) if e != canon)
    return counts
