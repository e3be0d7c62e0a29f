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
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sverka.nlp.models import navec
from sverka.nlp.stance.features import TYPE_MAP, Pair

MAX_DIST = 15  # token distances to the mention are clipped to ±MAX_DIST
# Tokens further than this from the mention are left out: a Telegram "sentence" without full stops
# can run to thousands of tokens, and the recurrence is sequential. No RuSentNE dev sentence and
# a handful of train ones reach so far.
CONTEXT = 80
N_TYPES = 12  # rows reserved for entity-type vectors
TOKENS = 2048  # padded tokens run through the nets together


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

    words: list[str | None]  # navec keys; None when unknown and on the mention (its type vector goes there)
    dist: np.ndarray  # n
    rel: np.ndarray  # n
    lex: np.ndarray  # n
    mention: np.ndarray  # n, 1.0 on the mention's tokens
    etype: int


def crop(pair: Pair) -> Pair:
    """The pair with its sentence cut to CONTEXT tokens either side of the mention."""
    lo, hi = max(0, pair.first - CONTEXT), min(len(pair.tokens), pair.last + CONTEXT)
    if lo == 0 and hi == len(pair.tokens):
        return pair
    return Pair(pair.tokens[lo:hi], pair.first - lo, pair.last - lo, pair.etype)


def encode(pair: Pair, rels: dict[str, int], types: dict[str, int], lexicon: dict[str, float]) -> Encoded:
    pair = crop(pair)
    n = len(pair.tokens)
    words = [None if pair.first <= i < pair.last else key for i, key in enumerate(token_keys(pair))]
    mention = np.zeros(n, dtype=np.float32)
    mention[pair.first:pair.last] = 1.0
    return Encoded(
        words=words,
        dist=distances(pair),
        rel=np.array([rels.get(t.rel, 0) for t in pair.tokens], dtype=np.int64),
        lex=np.array([lexicon.get(norm(t.lemma or t.text), 0.0) for t in pair.tokens], dtype=np.float32),
        mention=mention,
        etype=types.get(TYPE_MAP.get(pair.etype, pair.etype), 0),  # the pipeline's PER/ORG/LOC too
    )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def lstm(pre: tuple[np.ndarray, np.ndarray], w_hh: np.ndarray) -> np.ndarray:
    """Stacked LSTM recurrences. Pre-activations of the forward and of the backward directions,
    each B × n × K × 4H (the backward ones already reversed); recurrent weights 2K × H × 4H
    (transposed) → states B × n × 2K × H. PyTorch's gate order i, f, g, o. Every net and both
    directions run as one stack, so the Python loop turns once per token, not once per net.

    Sequences are left-aligned; states past a sequence's end are never read.
    """
    batch, steps, _, _ = pre[0].shape
    groups, hidden = w_hh.shape[0], w_hh.shape[1]
    h = np.zeros((groups, batch, hidden), dtype=np.float32)
    c = np.zeros((groups, batch, hidden), dtype=np.float32)
    out = np.empty((batch, steps, groups, hidden), dtype=np.float32)
    for t in range(steps):
        gates = np.concatenate([pre[0][:, t], pre[1][:, t]], axis=1).transpose(1, 0, 2) + h @ w_hh
        i, f, g, o = np.split(gates, 4, axis=2)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        out[:, t] = h.transpose(1, 0, 2)
    return out


def _reverse_index(lengths: np.ndarray, steps: int) -> np.ndarray:
    """B × n positions that reverse each sequence within its own length (padding stays put)."""
    t = np.arange(steps)[None, :]
    n = lengths[:, None]
    return np.where(t < n, n - 1 - t, t)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@dataclass
class Batch:
    """Encoded pairs padded to one length (B pairs, n tokens)."""

    words: np.ndarray  # B × n indices into `vocab`; 0 is no vector
    vocab: list[str]  # the batch's distinct navec keys, "" first
    dist: np.ndarray  # B × n
    rel: np.ndarray
    lex: np.ndarray
    mention: np.ndarray
    mask: np.ndarray  # 1.0 on real tokens
    etype: np.ndarray  # B
    lengths: np.ndarray  # B

    def word_vectors(self) -> np.ndarray:
        """The navec vector of each distinct word (row 0 zero): len(vocab) × 300."""
        emb = navec()
        out = np.zeros((len(self.vocab), 300), dtype=np.float32)
        for i, key in enumerate(self.vocab[1:], 1):
            out[i] = emb[key]
        return out

    def vectors(self) -> np.ndarray:
        """B × n × 300 navec vectors, zero on the mention and unknown words."""
        return self.word_vectors()[self.words]


def pad(encs: list[Encoded]) -> Batch:
    b, n = len(encs), max(len(e.dist) for e in encs)
    index: dict[str, int] = {"": 0}
    batch = Batch(np.zeros((b, n), np.int64), [], np.zeros((b, n), np.int64), np.zeros((b, n), np.int64),
                  np.zeros((b, n), np.float32), np.zeros((b, n), np.float32), np.zeros((b, n), np.float32),
                  np.array([e.etype for e in encs], np.int64), np.array([len(e.dist) for e in encs], np.int64))
    for i, e in enumerate(encs):
        m = len(e.dist)
        batch.words[i, :m] = [0 if w is None else index.setdefault(w, len(index)) for w in e.words]
        batch.dist[i, :m], batch.rel[i, :m] = e.dist, e.rel
        batch.lex[i, :m], batch.mention[i, :m], batch.mask[i, :m] = e.lex, e.mention, 1.0
    batch.vocab = list(index)
    return batch


def _head(w: dict[str, np.ndarray], b: Batch, h: np.ndarray) -> np.ndarray:
    """Pool one net's states (B × n × 2H) around the mention and classify: B × 3 logits."""
    h = h * b.mask[..., None]
    ent = (h * b.mention[..., None]).sum(axis=1) / np.maximum(b.mention.sum(axis=1, keepdims=True), 1.0)
    top = (h + (b.mask[..., None] - 1.0) * 1e4).max(axis=1)
    both = np.concatenate([h, np.broadcast_to(ent[:, None, :], h.shape)], axis=2)
    scores = both @ w["att.weight"][0] + w["att.bias"][0] + (b.mask - 1.0) * 1e4
    att = np.einsum("bn,bnh->bh", _softmax(scores), h)
    z = np.concatenate([ent, top, att, w["typ.weight"][b.etype]], axis=1)
    z = np.maximum(z @ w["out.0.weight"].T + w["out.0.bias"], 0.0)
    return z @ w["out.3.weight"].T + w["out.3.bias"]


@dataclass
class Stack:
    """Every net's input-to-gate weights, both directions side by side: G = 2 × K groups for K nets,
    the forward ones first. One matrix product projects a batch's distinct words for all of them
    at once; the small inputs are projected here into lookup tables."""

    w_vec: np.ndarray  # 300 × (G · 4H)
    dist_rel: np.ndarray  # distances × relations × G × 4H, the gate biases included
    typ: np.ndarray  # types × G × 4H
    lex: np.ndarray  # G × 4H
    w_hh: np.ndarray  # G × H × 4H

    @classmethod
    def of(cls, nets: list[dict[str, np.ndarray]]) -> Stack:
        parts: dict[str, list[np.ndarray]] = {k: [] for k in ("vec", "dist", "rel", "typ", "lex", "hh")}
        for suffix in ("", "_reverse"):
            for w in nets:
                w_ih = w[f"rnn.weight_ih_l0{suffix}"]  # 4H × (300 + dist + rel + 1)
                d, r = w["dist.weight"].shape[1], w["rel.weight"].shape[1]
                bias = w[f"rnn.bias_ih_l0{suffix}"] + w[f"rnn.bias_hh_l0{suffix}"]
                parts["vec"].append(w_ih[:, :300].T)
                parts["dist"].append(w["dist.weight"] @ w_ih[:, 300:300 + d].T + bias)
                parts["rel"].append(w["rel.weight"] @ w_ih[:, 300 + d:300 + d + r].T)
                parts["lex"].append(w_ih[:, 300 + d + r])
                parts["typ"].append(w["type_in"] @ w_ih[:, :300].T)
                parts["hh"].append(w[f"rnn.weight_hh_l0{suffix}"].T)
        dist, rel = np.stack(parts["dist"], axis=1), np.stack(parts["rel"], axis=1)
        return cls(np.concatenate(parts["vec"], axis=1), dist[:, None] + rel[None, :],
                   np.stack(parts["typ"], axis=1), np.stack(parts["lex"]), np.stack(parts["hh"]))


def _pre(projected: np.ndarray, stack: Stack, b: Batch, words: np.ndarray, dist: np.ndarray, rel: np.ndarray,
         lex: np.ndarray, mention: np.ndarray, groups: slice) -> np.ndarray:
    """Pre-activations B × n × K × 4H of one direction's groups, for tokens in the given order."""
    pre = projected[words, groups]
    pre += stack.dist_rel[dist, rel, groups]
    rows, cols = np.nonzero(lex)  # few words are in the lexicon: add only there
    pre[rows, cols] += lex[rows, cols, None, None] * stack.lex[groups]
    rows, cols = np.nonzero(mention)
    pre[rows, cols] += stack.typ[b.etype[rows], groups]
    return pre


def nets_logits(nets: list[dict[str, np.ndarray]], stack: Stack, b: Batch) -> np.ndarray:
    """The forward pass of every trained net (weights named as in the PyTorch module): K × B × 3."""
    k = len(nets)
    groups, gate = stack.lex.shape
    projected = (b.word_vectors() @ stack.w_vec).reshape(len(b.vocab), groups, gate)
    rev = _reverse_index(b.lengths, b.mask.shape[1])
    words, dist, rel, lex, mention = (np.take_along_axis(a, rev, axis=1)
                                      for a in (b.words, b.dist, b.rel, b.lex, b.mention))
    forward = _pre(projected, stack, b, b.words, b.dist, b.rel, b.lex, b.mention, slice(0, k))
    backward = _pre(projected, stack, b, words, dist, rel, lex, mention, slice(k, 2 * k))  # right to left
    states = lstm((forward, backward), stack.w_hh)  # B × n × 2K × H
    states[:, :, k:] = np.take_along_axis(states[:, :, k:], rev[..., None, None], axis=1)
    return np.stack([_head(w, b, np.concatenate([states[:, :, j], states[:, :, k + j]], axis=2))
                     for j, w in enumerate(nets)])


@dataclass
class StanceNet:
    nets: list[dict[str, np.ndarray]]  # one weight set per seed
    rels: dict[str, int]
    types: dict[str, int]
    lexicon: dict[str, float]
    stack: Stack = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.stack = Stack.of(self.nets)

    def proba(self, pairs: list[Pair]) -> np.ndarray:
        """Mean class probabilities of the nets (rows: pairs; columns: negative, neutral, positive)."""
        out = np.tile(np.array([0.0, 1.0, 0.0], dtype=np.float32), (len(pairs), 1))
        width_of = {i: len(crop(p).tokens) for i, p in enumerate(pairs) if p.tokens}
        rows = sorted(width_of, key=lambda i: -width_of[i])
        start = 0
        while start < len(rows):  # similar lengths together (little padding), TOKENS tokens a batch at most
            width = width_of[rows[start]]  # the longest of its batch
            size = max(1, TOKENS // max(width, 1))
            chunk = rows[start:start + size]
            start += len(chunk)
            batch = pad([encode(pairs[i], self.rels, self.types, self.lexicon) for i in chunk])
            out[chunk] = _softmax(nets_logits(self.nets, self.stack, batch)).mean(axis=0)
        return out


def save_net(net: StanceNet, folder: Path) -> None:
    arrays = {f"{k}/{name}": value.astype(np.float16) for k, w in enumerate(net.nets) for name, value in w.items()}
    np.savez_compressed(folder / "net.npz", **arrays)  # type: ignore[arg-type]  # numpy stubs type **kwds as allow_pickle
    meta = {"rels": net.rels, "types": net.types, "n_nets": len(net.nets), "max_dist": MAX_DIST}
    (folder / "net.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def load_net(folder: Path, lexicon: dict[str, float], max_nets: int | None = None) -> StanceNet | None:
    """The nets in `folder`, the first `max_nets` of them when given; None when that is none."""
    meta = json.loads((folder / "net.json").read_text(encoding="utf-8"))
    count = meta["n_nets"] if max_nets is None else min(max_nets, meta["n_nets"])
    if count <= 0:
        return None
    arrays = np.load(folder / "net.npz", allow_pickle=False)
    nets: list[dict[str, np.ndarray]] = [{} for _ in range(count)]
    for key in arrays.files:
        k, name = key.split("/", 1)
        if int(k) < count:  # the rest are never decompressed
            nets[int(k)][name] = arrays[key].astype(np.float32)
    return StanceNet(nets, meta["rels"], meta["types"], lexicon)
