"""The shipped stance model: a linear classifier over sparse features and navec vectors,
averaged with a small BiLSTM (nlp/stance_net.py) when the model folder has one.

Stored as `weights.npz` and `net.npz` (numpy arrays only, loaded with allow_pickle=False),
`vocab.json` and `net.json` (feature names and settings), so loading is safe and independent of
scikit-learn's and PyTorch's versions; inference needs numpy only.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from sverka.config import DATA_DIR, MODELS_DIR, stance_nets
from sverka.nlp.stance.features import Pair, dense_features, feature_group, sparse_features
from sverka.nlp.stance.net import StanceNet, load_net

MODEL_DIR = MODELS_DIR / "stance"
LEXICON = DATA_DIR / "stance" / "lexicon.tsv"
LABELS = (-1, 0, 1)


@dataclass
class StanceModel:
    vocab: dict[str, int]
    w_sparse: np.ndarray  # classes × vocabulary
    w_dense: np.ndarray  # classes × dense size
    bias: np.ndarray  # classes
    lexicon: dict[str, float]
    dense_scale: float = 1.0
    group_weights: dict[str, float] = field(default_factory=dict)

    def proba(self, pairs: list[Pair]) -> np.ndarray:
        """Class probabilities (rows: pairs; columns: negative, neutral, positive)."""
        logits = np.stack([self._logits(p) for p in pairs]) if pairs else np.zeros((0, len(LABELS)))
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def _logits(self, pair: Pair) -> np.ndarray:
        idx, vals = feature_values(sparse_features(pair, self.lexicon), self.vocab, self.group_weights)
        sparse = self.w_sparse[:, idx] @ vals
        return sparse + self.w_dense @ (dense_features(pair) * self.dense_scale) + self.bias


@dataclass
class StanceEnsemble:
    """The linear model and the nets, their probabilities averaged (the two err differently)."""

    linear: StanceModel
    net: StanceNet | None = None
    net_weight: float = 0.5

    def proba(self, pairs: list[Pair]) -> np.ndarray:
        linear = self.linear.proba(pairs)
        if self.net is None or not pairs:
            return linear
        return (1.0 - self.net_weight) * linear + self.net_weight * self.net.proba(pairs)


def feature_values(feats: list[str], vocab: dict[str, int], weights: dict[str, float]):
    """Column indices and values of the known features: each group scaled to unit length."""
    known = sorted({f for f in feats if f in vocab})
    groups = Counter(feature_group(f) for f in known)
    vals = [weights.get(g, 1.0) / np.sqrt(groups[g]) for g in map(feature_group, known)]
    return np.array([vocab[f] for f in known], dtype=np.int64), np.array(vals, dtype=np.float32)


def save_model(model: StanceModel, folder: Path, meta: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        folder / "weights.npz",
        w_sparse=model.w_sparse.astype(np.float16),
        w_dense=model.w_dense.astype(np.float32),
        bias=model.bias.astype(np.float32),
    )
    names = sorted(model.vocab, key=model.vocab.__getitem__)
    vocab = {"features": names, "dense_scale": model.dense_scale, "group_weights": model.group_weights,
             "labels": list(LABELS), **meta}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")


def load_model(folder: Path = MODEL_DIR, max_nets: int | None = None) -> StanceEnsemble:
    """The model in `folder`; with `max_nets`, only that many of its nets (0: the linear half alone)."""
    linear = load_linear(folder)
    net = load_net(folder, linear.lexicon, max_nets) if (folder / "net.npz").exists() else None
    return StanceEnsemble(linear, net, float(model_meta(folder).get("net_weight", 0.5)))


def load_linear(folder: Path = MODEL_DIR) -> StanceModel:
    arrays = np.load(folder / "weights.npz", allow_pickle=False)
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    return StanceModel(
        vocab={f: i for i, f in enumerate(vocab["features"])},
        w_sparse=arrays["w_sparse"].astype(np.float32),
        w_dense=arrays["w_dense"],
        bias=arrays["bias"],
        lexicon=read_lexicon(folder / "lexicon.tsv" if (folder / "lexicon.tsv").exists() else LEXICON),
        dense_scale=float(vocab["dense_scale"]),
        group_weights=vocab.get("group_weights", {}),
    )


@cache
def stance_model() -> StanceEnsemble:
    return load_model(max_nets=stance_nets())


def model_meta(folder: Path = MODEL_DIR) -> dict:
    return json.loads((folder / "vocab.json").read_text(encoding="utf-8"))


def read_lexicon(path: Path) -> dict[str, float]:
    """lemma<TAB>score lines; '#' lines are the header saying where the words came from."""
    if not path.exists():
        return {}
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, score = line.split("\t")[:2]
            lexicon[lemma] = float(score)
    return lexicon
