"""The labelled linking dev sets (`benchmarks/data/link/`) joined to the sample posts they label.

Used by `benchmarks/{dedup,stories,claims_link}.py` and `tests/link/`. Posts are read with
`sverka.readers.read` from `shared_dir()/data/samples/telegram/nktkln_channels_2024-11-26/`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sverka.config import REPO_DIR, shared_dir
from sverka.doc import Document
from sverka.readers import read

LABELS_DIR = REPO_DIR / "benchmarks" / "data" / "link"
SAMPLE = Path("data") / "samples" / "telegram" / "nktkln_channels_2024-11-26"


@dataclass
class DevSet:
    docs: list[Document]  # in time order
    by_ref: dict[tuple[str, int], Document]  # (file name, message id) → document
    stories: dict[str, str | None]  # doc id → story id (None: belongs to no story)
    dup_pairs: list[tuple[str, str, bool]]  # (doc id, doc id, is duplicate)
    claim_pairs: list[dict[str, Any]]  # rows of claim_pairs.jsonl with "a_id", "b_id", "a_text", "b_text" added

    def doc(self, ref: dict[str, Any]) -> Document:
        return self.by_ref[(ref["file"], int(ref["message_id"]))]


def sample_dir() -> Path:
    return shared_dir() / SAMPLE


@cache
def load_devset() -> DevSet:
    docs = [d for d in read(sample_dir()) if isinstance(d, Document)]
    docs.sort(key=lambda d: (d.published, d.id))
    by_ref = {(Path(d.meta["input_file"]).name, int(d.meta["message_id"])): d for d in docs}
    dev = DevSet(docs, by_ref, {}, [], [])
    for row in _rows("stories.jsonl"):
        dev.stories[dev.doc(row).id] = row["story"]
    for row in _rows("duplicates.jsonl"):
        dev.dup_pairs.append((dev.doc(row["a"]).id, dev.doc(row["b"]).id, row["label"] == "dup"))
    raw = raw_texts()
    for row in _rows("claim_pairs.jsonl"):
        a, b = row["a"], row["b"]
        texts = {k: raw[(r["file"], int(r["message_id"]))][r["start"] : r["end"]] for k, r in (("a", a), ("b", b))}
        dev.claim_pairs.append(
            {**row, "a_id": dev.doc(a).id, "b_id": dev.doc(b).id, "a_text": texts["a"], "b_text": texts["b"]}
        )
    return dev


def raw_texts() -> dict[tuple[str, int], str]:
    """Post texts exactly as in the JSON files: claim spans are offsets into these (readers drop Markdown)."""
    out = {}
    for path in sorted(sample_dir().glob("*.json")):
        for post in json.loads(path.read_text(encoding="utf-8")):
            out[(path.name, int(post["message_id"]))] = post["text"]
    return out


def _rows(name: str) -> list[dict[str, Any]]:
    with (LABELS_DIR / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
