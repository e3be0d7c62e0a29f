"""Stance benchmark on RuSentNE-2023 dev: `python benchmarks/stance.py [--limit N]`.

Prints F1_PN (the RuSentNE metric), per-class P/R/F1, the confusion matrix, sentences/s and
peak RSS for the shipped model, next to its two halves alone (the linear model, the BiLSTM
nets) and two baselines measured in the same run (always neutral; the RuOpinionNE lexicon
alone), then where the errors are.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import Counter

from rich.console import Console
from rich.table import Table

from sverka.config import shared_dir
from sverka.nlp.stance.features import WINDOW, Pair, parse_texts, token_span, word
from sverka.nlp.stance.metrics import f1_pn, prf
from sverka.nlp.stance.model import LABELS, LEXICON, model_meta, read_lexicon, stance_model
from sverka.nlp.stance.stage import score_pairs

LABEL_VALUES = {"negative": -1, "neutral": 0, "positive": 1}
console = Console(width=140)


def read(split: str) -> list[dict]:
    path = shared_dir() / "data" / "rusentne" / f"{split}.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def lexicon_baseline(rows: list[dict]) -> list[int]:
    """Sum of lexicon scores of the words within WINDOW of the mention; its sign is the label."""
    lexicon = read_lexicon(LEXICON)
    parsed = dict(zip(texts := list(dict.fromkeys(r["text"] for r in rows)), parse_texts(texts), strict=True))
    out = []
    for r in rows:
        toks = parsed[r["text"]]
        first, last = token_span(toks, r["start"], r["end"])
        near = toks[max(0, first - WINDOW):first] + toks[last:last + WINDOW]
        total = sum(lexicon.get(word(t), 0.0) for t in near)
        out.append(0 if abs(total) < 0.5 else (1 if total > 0 else -1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N dev rows")
    args = parser.parse_args()
    dev = read("dev")[: args.limit or None]
    gold = [r["label"] for r in dev]
    score_pairs([(dev[0]["text"], dev[0]["start"], dev[0]["end"], dev[0]["entity_type"])])  # load models
    t0 = time.perf_counter()
    pred = [LABEL_VALUES[label] for label, _ in
            score_pairs([(r["text"], r["start"], r["end"], r["entity_type"]) for r in dev])]
    elapsed = time.perf_counter() - t0
    n_sents = len({r["text"] for r in dev})
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    table = Table(title=f"Stance on RuSentNE dev ({len(dev)} rows, {n_sents} sentences)")
    for col in ("system", "F1_PN", "P neg", "R neg", "F1 neg", "P pos", "R pos", "F1 pos"):
        table.add_column(col, justify="right" if col != "system" else "left")
    systems = {"always neutral": [0] * len(dev), "lexicon only": lexicon_baseline(dev), **halves(dev),
               "stance model (shipped)": pred}
    for name, p in systems.items():
        neg, pos = prf(gold, p, -1), prf(gold, p, 1)
        table.add_row(name, f"{f1_pn(gold, p):.3f}", *(f"{x:.3f}" for x in (*neg, *pos)))
    console.print(table)
    console.print(f"recorded dev F1_PN of the shipped model: {model_meta().get('dev_f1_pn')}")
    console.print(f"speed: {n_sents / elapsed:.0f} sentences/s, {len(dev) / elapsed:.0f} pairs/s "
                  f"(parse + score, 1 process); peak RSS {rss:.0f} MB")
    print_confusion(gold, pred)
    print_errors(dev, gold, pred)


def halves(dev: list[dict]) -> dict[str, list[int]]:
    """The linear model and the nets alone, on the same parsed pairs."""
    texts = list(dict.fromkeys(r["text"] for r in dev))
    parsed = dict(zip(texts, parse_texts(texts), strict=True))
    pairs = [Pair(parsed[r["text"]], *token_span(parsed[r["text"]], r["start"], r["end"]), r["entity_type"])
             for r in dev]
    model = stance_model()
    out = {"linear half alone": model.linear.proba(pairs)}
    if model.net is not None:
        out[f"BiLSTM nets alone ({len(model.net.nets)})"] = model.net.proba(pairs)
    return {name: [LABELS[i] for i in proba.argmax(axis=1)] for name, proba in out.items()}


def print_confusion(gold: list[int], pred: list[int]) -> None:
    table = Table(title="Confusion matrix (rows gold, columns predicted)")
    table.add_column("gold \\ pred")
    for label in (-1, 0, 1):
        table.add_column(str(label), justify="right")
    counts = Counter(zip(gold, pred, strict=True))
    for g in (-1, 0, 1):
        table.add_row(str(g), *(str(counts[g, p]) for p in (-1, 0, 1)))
    console.print(table)


def print_errors(dev: list[dict], gold: list[int], pred: list[int]) -> None:
    """F1_PN by entity type and by whether the sentence also occurs in train (the split leaks)."""
    seen = {r["text"] for r in read("train")}
    table = Table(title="Where the errors are")
    for col in ("subset", "rows", "F1_PN", "polar gold → neutral", "neutral gold → polar", "sign flipped"):
        table.add_column(col, justify="right" if col != "subset" else "left")
    subsets = {f"type {t}": lambda r, t=t: r["entity_type"] == t for t in sorted({r["entity_type"] for r in dev})}
    subsets["sentence also in train"] = lambda r: r["text"] in seen
    subsets["sentence unseen in train"] = lambda r: r["text"] not in seen
    for name, keep in subsets.items():
        idx = [i for i, r in enumerate(dev) if keep(r)]
        g, p = [gold[i] for i in idx], [pred[i] for i in idx]
        missed = sum(a != 0 and b == 0 for a, b in zip(g, p, strict=True))
        false = sum(a == 0 and b != 0 for a, b in zip(g, p, strict=True))
        flipped = sum(a * b == -1 for a, b in zip(g, p, strict=True))
        table.add_row(name, str(len(idx)), f"{f1_pn(g, p):.3f}", str(missed), str(false), str(flipped))
    console.print(table)


if __name__ == "__main__":
    main()
