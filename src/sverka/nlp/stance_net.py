"""The neural half of the stance model: a small BiLSTM over navec vectors, run with numpy.

Each token of the sentence enters as its navec vector (natasha's news embeddings, looked up by
word form, then lemma), its distance to the mention, its dependency relation and its polarity in
the lexicon. The mention's own tokens enter as a learned vector for their entity type, so the network
judges what is said about an entity, not who it is. A bidirectional LSTM reads the sentence; the
mention's states, a max over all states and an attention pooling that the mention steers are
classified into negative / neutral / positive. Several nets trained from different seeds are
averaged. Trained with PyTorch (`sverka.train.stance_net`); inference needs numpy only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .models import navec
from .stance_features import Pair

MAX_DIST = 15  # token distances to the mention are clipped to ±MAX_DIST
N_TYPES = 12  # rows reserved for entity-type vectors
BATCH = 64  # pairs run through the LSTM together


def norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def token_keys(pair: Pair) -> list[str | None]:
    """The navec key of each token (form, else lemma); None when navec knows neither."""
    emb = navec()
    keys: list[str | None] = []
    for t in pair.tokens:
        key = next((k for k in (norm(t.text), norm(t.lemma or "")) if k and k in emb), None)
        keys.append(key)
    return keys


def distances(pair: Pair) -> np.ndarray:
    """Clipped signed distance of each token to the mention (0 inside it), shifted to ≥ 0."""
    idx = np.arange(len(pair.tokens))
    left = np.clip(pair.first - idx, 0, MAX_DIST)
    right = np.clip(idx - pair.last + 1, 0, MAX_DIST)
    return (MAX_DIST - left + right).astype(np.int64)


@dataclass
class Encoded:
    """One pair as the network's inputs (n = tokens in the sentence)."""

    vectors: np.ndarray  # n × 300, zero on the mention's tokens (each net adds its type vector there)
    dist: np.ndarray  # n
    rel: np.ndarray  # n
    lex: np.ndarray  # n
    mention: np.ndarray  # n, 1.0 on the mention's tokens
    etype: int


def encode(pair: Pair, rels: dict[str, int], types: dict[str, int], lexicon: dict[str, float]) -> Encoded:
    emb = navec()
    n = len(pair.tokens)
    etype = types.get(pair.etype, 0)
    vectors = np.zeros((n, 300), dtype=np.float32)
    for i, key in enumerate(token_keys(pair)):
        if key is not None and not pair.first <= i < pair.last:
            vectors[i] = emb[key]
    mention = np.zeros(n, dtype=np.float32)
    mention[pair.first:pair.last] = 1.0
    return Encoded(
        vectors=vectors,
        dist=distances(pair),
        rel=np.array([rels.get(t.rel, 0) for t in pair.tokens], dtype=np.int64),
        lex=np.array([lexicon.get(norm(t.lemma or t.text), 0.0) for t in pair.tokens], dtype=np.float32),
        mention=mention,
        etype=etype,
    )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def lstm(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """One LSTM direction over a batch (B × n × in → B × n × H); PyTorch's gate order i, f, g, o.

    Sequences are left-aligned; states past a sequence's end are never read.
    """
    batch, steps, _ = x.shape
    hidden = w_hh.shape[1]
    pre = x @ w_ih.T + bias
    h = np.zeros((batch, hidden), dtype=np.float32)
    c = np.zeros((batch, hidden), dtype=np.float32)
    out = np.empty((batch, steps, hidden), dtype=np.float32)
    for t in range(steps):
        gates = pre[:, t] + h @ w_hh.T
        i, f, g, o = np.split(gates, 4, axis=1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        out[:, t] = h
    return out


def _reverse(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each sequence reversed within its own length, still left-aligned."""
    out = np.zeros_like(x)
    for b, n in enumerate(lengths):
        out[b, :n] = x[b, :n][::-1]
    return out


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@dataclass
class Batch:
    """Encoded pairs padded to one length."""

    vectors: np.ndarray  # B × n × 300
    dist: np.ndarray  # B × n
    rel: np.ndarray
    lex: np.ndarray
    mention: np.ndarray
    mask: np.ndarray  # 1.0 on real tokens
    etype: np.ndarray  # B
    lengths: np.ndarray  # B


def pad(encs: list[Encoded]) -> Batch:
    b, n = len(encs), max(len(e.dist) for e in encs)
    batch = Batch(np.zeros((b, n, 300), np.float32), np.zeros((b, n), np.int64), np.zeros((b, n), np.int64),
                  np.zeros((b, n), np.float32), np.zeros((b, n), np.float32), np.zeros((b, n), np.float32),
                  np.array([e.etype for e in encs], np.int64), np.array([len(e.dist) for e in encs], np.int64))
    for i, e in enumerate(encs):
        m = len(e.dist)
        batch.vectors[i, :m], batch.dist[i, :m], batch.rel[i, :m] = e.vectors, e.dist, e.rel
        batch.lex[i, :m], batch.mention[i, :m], batch.mask[i, :m] = e.lex, e.mention, 1.0
    return batch


def net_logits(w: dict[str, np.ndarray], b: Batch) -> np.ndarray:
    """The forward pass of one trained net (weights named as in the PyTorch module): B × 3."""
    vectors = b.vectors + b.mention[..., None] * w["type_in"][b.etype][:, None, :]
    x = np.concatenate([vectors, w["dist.weight"][b.dist], w["rel.weight"][b.rel], b.lex[..., None]], axis=2)
    fwd = lstm(x, w["rnn.weight_ih_l0"], w["rnn.weight_hh_l0"], w["rnn.bias_ih_l0"] + w["rnn.bias_hh_l0"])
    bwd = lstm(_reverse(x, b.lengths), w["rnn.weight_ih_l0_reverse"], w["rnn.weight_hh_l0_reverse"],
               w["rnn.bias_ih_l0_reverse"] + w["rnn.bias_hh_l0_reverse"])
    h = np.concatenate([fwd, _reverse(bwd, b.lengths)], axis=2) * b.mask[..., None]
    ent = (h * b.mention[..., None]).sum(axis=1) / np.maximum(b.mention.sum(axis=1, keepdims=True), 1.0)
    top = (h + (b.mask[..., None] - 1.0) * 1e4).max(axis=1)
    both = np.concatenate([h, np.broadcast_to(ent[:, None, :], h.shape)], axis=2)
    scores = both @ w["att.weight"][0] + w["att.bias"][0] + (b.mask - 1.0) * 1e4
    att = np.einsum("bn,bnh->bh", _softmax(scores), h)
    z = np.concatenate([ent, top, att, w["typ.weight"][b.etype]], axis=1)
    z = np.maximum(z @ w["out.0.weight"].T + w["out.0.bias"], 0.0)
    return z @ w["out.3.weight"].T + w["out.3.bias"]


@dataclass
class StanceNet:
    nets: list[dict[str, np.ndarray]]  # one weight set per seed
    rels: dict[str, int]
    types: dict[str, int]
    lexicon: dict[str, float]

    def proba(self, pairs: list[Pair]) -> np.ndarray:
        """Mean class probabilities of the nets (rows: pairs; columns: negative, neutral, positive)."""
        out = np.tile(np.array([0.0, 1.0, 0.0], dtype=np.float32), (len(pairs), 1))
        rows = sorted((i for i, p in enumerate(pairs) if p.tokens), key=lambda i: len(pairs[i].tokens))
        for s in range(0, len(rows), BATCH):  # similar lengths together: little padding
            chunk = rows[s:s + BATCH]
            batch = pad([encode(pairs[i], self.rels, self.types, self.lexicon) for i in chunk])
            out[chunk] = np.mean([_softmax(net_logits(w, batch)) for w in self.nets], axis=0)
        return out


def save_net(net: StanceNet, folder: Path) -> None:
    arrays = {f"{k}/{name}": value.astype(np.float16) for k, w in enumerate(net.nets) for name, value in w.items()}
    np.savez_compressed(folder / "net.npz", **arrays)  # type: ignore[arg-type]  # numpy stubs type **kwds as allow_pickle
    meta = {"rels": net.rels, "types": net.types, "n_nets": len(net.nets), "max_dist": MAX_DIST}
    (folder / "net.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def load_net(folder: Path, lexicon: dict[str, float]) -> StanceNet:
    meta = json.loads((folder / "net.json").read_text(encoding="utf-8"))
    arrays = np.load(folder / "net.npz", allow_pickle=False)
    nets: list[dict[str, np.ndarray]] = [{} for _ in range(meta["n_nets"])]
    for key in arrays.files:
        k, name = key.split("/", 1)
        nets[int(k)][name] = arrays[key].astype(np.float32)
    return StanceNet(nets, meta["rels"], meta["types"], lexicon)
