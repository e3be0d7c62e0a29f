"""NER quality: sverka's entity mentions vs bare Natasha (slovnet news NER), exact spans, per type.

Data: factRuEval-2016 `train.jsonl` (its only public part; sverka does not train on it) and NEREL v1.1
`dev.jsonl.gz`, scored on their `flat_entities` (PER, LOC, ORG; outermost spans). Both systems run in
the same process on the same sentences.

    python benchmarks/ner.py [--limit N]

Two sverka rows: "names" are the name mentions (NER cleaned and joined, plus gazetteer names), the
set the gate compares with bare Natasha; "+ adjectives" adds the country adjectives sverka also links
to countries ("российских войск" → Россия). NEREL sometimes labels such adjectives COUNTRY,
factRuEval never does, so they are reported, not gated.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sverka.api import analyze_docs
from sverka.config import shared_dir
from sverka.doc import Document
from sverka.nlp.models import ner_tagger
from sverka.nlp.segment import split_sents

TYPES = ("PER", "LOC", "ORG")


def load(path: Path, limit: int | None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    return docs[:limit] if limit else docs


def bare_natasha(text: str) -> set[tuple[int, int, str]]:
    spans = set()
    sents = split_sents(text)
    for sent, markup in zip(sents, ner_tagger().map([s.text for s in sents]), strict=True):
        for s in markup.spans:
            spans.add((sent.start + s.start, sent.start + s.stop, s.type))
    return spans


def sverka_spans(docs: list[dict]) -> tuple[list[set], list[set]]:
    names, with_adjectives = [], []
    inputs = [Document(id=d["id"], text=d["text"]) for d in docs]
    for analysis in analyze_docs(inputs, stages=["entities"]):
        spans = {(m.start, m.end, m.type, m.source) for m in analysis.mentions if m.type in TYPES}
        names.append({s[:3] for s in spans if s[3] != "demonym"})
        with_adjectives.append({s[:3] for s in spans})
    return names, with_adjectives


def score(gold: list[set], pred: list[set]) -> dict[str, tuple[float, float, float]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        for t in TYPES:
            gt = {x for x in g if x[2] == t}
            pt = {x for x in p if x[2] == t}
            tp[t] += len(gt & pt)
            fp[t] += len(pt - gt)
            fn[t] += len(gt - pt)
    result = {}
    for t in (*TYPES, "micro"):
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "micro" else (tp[t], fp[t], fn[t])
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        result[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus (default: all)")
    args = parser.parse_args()
    data = shared_dir() / "data"
    corpora = {
        "factRuEval train": data / "factrueval" / "train.jsonl",
        "NEREL dev": data / "nerel" / "dev.jsonl.gz",
    }
    console = Console(width=140)
    table = Table(title="NER, exact span F1 (P / R / F1)")
    table.add_column("corpus")
    table.add_column("system")
    for t in (*TYPES, "micro"):
        table.add_column(t, justify="right")
    worse = []
    for name, path in corpora.items():
        docs = load(path, args.limit)
        gold = [{(e["start"], e["end"], e["type"]) for e in d["flat_entities"]} for d in docs]
        t0 = time.perf_counter()
        bare = [bare_natasha(d["text"]) for d in docs]
        t1 = time.perf_counter()
        ours, ours_adj = sverka_spans(docs)
        t2 = time.perf_counter()
        results = {
            "bare Natasha": score(gold, bare),
            "sverka (names)": score(gold, ours),
            "sverka (+ adjectives)": score(gold, ours_adj),
        }
        for system, res in results.items():
            table.add_row(name, system, *(f"{p:.3f} / {r:.3f} / [bold]{f:.3f}[/]" for p, r, f in res.values()))
        for t in TYPES:
            if results["sverka (names)"][t][2] < results["bare Natasha"][t][2]:
                worse.append(f"{name} {t}")
        console.print(f"{name}: {len(docs)} docs; bare NER {t1 - t0:.1f} s, sverka entities stage {t2 - t1:.1f} s")
    console.print(table)
    if worse:
        console.print(f"[red]sverka below bare Natasha on: {', '.join(worse)}[/]")
        return 1
    console.print("sverka ≥ bare Natasha on every type")
    return 0


if __name__ == "__main__":
    sys.exit(main())
