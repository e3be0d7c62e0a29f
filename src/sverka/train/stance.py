"""Train the stance model: `python -m sverka.train.stance [--out DIR] [--nets N]`.

Data: RuSentNE-2023 train (../shared/data/rusentne), tuned and scored on its dev split only.
RuOpinionNE-2024 evaluative expressions (train + dev) give a polarity lexicon; sentences that
also occur in RuSentNE dev are left out of it, so the dev score stays honest.
Two halves, averaged: a linear model (scikit-learn, under a minute) and N BiLSTM nets (PyTorch,
`pip install -e .[train]`; a few minutes each on one core). Deterministic: fixed seeds, sorted
vocabularies, one thread.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from sverka.config import shared_dir
from sverka.nlp.stance.features import Pair, dense_features, parse_texts, sparse_features, token_span, word
from sverka.nlp.stance.metrics import f1_pn
from sverka.nlp.stance.model import LABELS, LEXICON, MODEL_DIR, StanceModel, feature_values, load_model, save_model
from sverka.nlp.stance.net import save_net

SEED = 13
SUBSET = 400  # the first rows of dev, re-scored by the test that the shipped model loads
MIN_COUNT = 2  # a feature seen once in train is noise
C = 0.2
DENSE_SCALE = 0.3
GROUP_WEIGHTS = {"e": 2.0}  # the entity's own words ("террорист", "ИГИЛ") say a lot
CLASS_WEIGHT = {-1: 3.0, 0: 1.0, 1: 3.0}  # F1_PN rewards recall of the rarer polar classes
NETS = 3  # BiLSTM nets, seeds SEED, SEED + 1, …: one alone swings by ±0.02 F1_PN; more than 3 added nothing on dev
NET_WEIGHT = 0.5  # the nets' share of the averaged probabilities


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rusentne(split: str) -> list[dict]:
    return read_jsonl(shared_dir() / "data" / "rusentne" / f"{split}.jsonl")


def to_pairs(rows: list[dict]) -> list[Pair]:
    texts = list(dict.fromkeys(r["text"] for r in rows))
    parsed = dict(zip(texts, parse_texts(texts), strict=True))
    pairs = []
    for r in rows:
        toks = parsed[r["text"]]
        first, last = token_span(toks, r["start"], r["end"])
        pairs.append(Pair(toks, first, last, r["entity_type"]))
    return pairs


def build_lexicon(exclude: set[str], min_count: int = 2) -> dict[str, float]:
    """Lemmas of RuOpinionNE evaluative expressions: (pos − neg) / (pos + neg + 1)."""
    counts: dict[str, Counter] = {}
    for split in ("train", "dev"):
        rows = [r for r in read_jsonl(shared_dir() / "data" / "ruopinionne" / f"{split}.jsonl")
                if r["text"] not in exclude]
        texts = [r["text"] for r in rows]
        for row, toks in zip(rows, parse_texts(texts), strict=True):
            for op in row["opinions"]:
                spans = op["expression"] if isinstance(op["expression"], list) else [op["expression"]]
                for span in spans:
                    for tok in toks:
                        if tok.start < span["end"] and tok.end > span["start"] and tok.pos not in _FUNCTION:
                            counts.setdefault(word(tok), Counter())[op["polarity"]] += 1
    lexicon = {}
    for lemma, c in counts.items():
        n = c["POS"] + c["NEG"]
        score = (c["POS"] - c["NEG"]) / (n + 1)
        if n >= min_count and abs(score) >= 0.3 and any(ch.isalpha() for ch in lemma):
            lexicon[lemma] = round(score, 3)
    return lexicon


_FUNCTION = {"PREP", "CONJ", "PRCL", "NPRO", "PUNCT", "NUM", "X"}


def write_lexicon(lexicon: dict[str, float], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Evaluative lemmas and their polarity, (pos - neg) / (pos + neg + 1), at least 2 uses.\n"
        "# Derived by `python -m sverka.train.stance` from the expression spans of RuOpinionNE-2024\n"
        "# (github.com/dialogue-evaluation/RuOpinionNE-2024, MIT) train + validation, leaving out\n"
        "# sentences that occur in RuSentNE-2023 dev. Lemmas by pymorphy3.\n"
    )
    lines = [f"{k}\t{v}" for k, v in sorted(lexicon.items())]
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def design(pairs: list[Pair], lexicon: dict[str, float], vocab: dict[str, int] | None = None):
    feats = [sorted(set(sparse_features(p, lexicon))) for p in pairs]
    if vocab is None:
        counts = Counter(f for fs in feats for f in fs)
        vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        idx, val = feature_values(fs, vocab, GROUP_WEIGHTS)
        rows += [r] * len(idx)
        cols += list(idx)
        vals += list(val)
    x_sparse = sparse.csr_matrix((vals, (rows, cols)), shape=(len(pairs), len(vocab)))
    x_dense = np.stack([dense_features(p) for p in pairs]) * DENSE_SCALE
    return sparse.hstack([x_sparse, sparse.csr_matrix(x_dense)]).tocsr(), vocab


def fit(x, y: list[int]) -> LogisticRegression:
    clf = LogisticRegression(C=C, max_iter=3000, class_weight=CLASS_WEIGHT, random_state=SEED)
    return clf.fit(x, y)


def to_model(clf: LogisticRegression, vocab: dict[str, int], lexicon: dict[str, float]) -> StanceModel:
    assert tuple(clf.classes_) == LABELS
    v = len(vocab)
    return StanceModel(vocab, clf.coef_[:, :v].copy(), clf.coef_[:, v:].copy(), clf.intercept_.copy(),
                       lexicon, DENSE_SCALE, GROUP_WEIGHTS)


def train_model(out: Path = MODEL_DIR, nets: int = NETS, log: Callable[[str], None] = print) -> dict:
    """Train, save to `out`, reload and score on dev; returns the recorded scores and settings."""
    np.random.seed(SEED)
    train, dev = rusentne("train"), rusentne("dev")
    lexicon = build_lexicon(exclude={r["text"] for r in dev})
    # The shipped model reads the lexicon from package data; a model elsewhere keeps its own copy.
    write_lexicon(lexicon, LEXICON if out == MODEL_DIR else out / "lexicon.tsv")
    train_pairs, dev_pairs = to_pairs(train), to_pairs(dev)
    x_train, vocab = design(train_pairs, lexicon)
    labels = [r["label"] for r in train]
    linear = to_model(fit(x_train, labels), vocab, lexicon)
    meta = {"trained": date.today().isoformat(), "seed": SEED, "train_rows": len(train), "dev_rows": len(dev),
            "n_features": len(vocab), "C": C, "class_weight": CLASS_WEIGHT, "nets": nets,
            "net_weight": NET_WEIGHT if nets else 0.0, "dev_subset_rows": SUBSET}
    save_model(linear, out, meta)
    (out / "net.npz").unlink(missing_ok=True)
    if nets:
        from sverka.train.stance_net import train_nets

        log(f"linear model saved; training {nets} BiLSTM net(s)")
        save_net(train_nets(train_pairs, labels, lexicon, [SEED + k for k in range(nets)], log=log), out)
    gold = [r["label"] for r in dev]
    model = load_model(out)  # score what was saved (float16 weights), as users will run it
    scores = {"linear": model.linear.proba(dev_pairs)}
    if model.net is not None:
        scores["nets"] = model.net.proba(dev_pairs)
    scores["shipped"] = model.proba(dev_pairs)
    for name, proba in scores.items():
        pred = [LABELS[i] for i in proba.argmax(axis=1)]
        meta[f"dev_f1_pn_{name}"] = round(f1_pn(gold, pred), 4)
    meta["dev_f1_pn"] = meta.pop("dev_f1_pn_shipped")
    pred = [LABELS[i] for i in scores["shipped"].argmax(axis=1)]
    meta["dev_subset_f1_pn"] = round(f1_pn(gold[:SUBSET], pred[:SUBSET]), 4)
    save_model(linear, out, meta)
    return meta


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder (default: the shipped one)")
    parser.add_argument("--nets", type=int, default=NETS, help="BiLSTM nets to train (0: the linear model alone)")
    args = parser.parse_args(argv)
    if args.nets and importlib.util.find_spec("torch") is None:  # before a minute of linear training, not after
        parser.error("training the nets needs PyTorch: pip install -e .[train] (or --nets 0 for the linear half)")
    t0 = time.time()
    meta = train_model(args.out, args.nets)
    parts = ", ".join(f"{k.removeprefix('dev_f1_pn_')} {v:.4f}" for k, v in meta.items() if k.startswith("dev_f1_pn_"))
    print(f"dev F1_PN {meta['dev_f1_pn']:.4f} ({parts}); {meta['n_features']} features; "
          f"{time.time() - t0:.0f} s → {args.out}")


if __name__ == "__main__":
    main()
