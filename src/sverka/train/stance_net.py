"""Train the BiLSTM half of the stance model with PyTorch (`pip install -e .[train]`).

Called by `python -m sverka.train.stance`; the saved weights are run by numpy at inference
(`sverka.nlp.stance.net`), so PyTorch is needed only here. Deterministic for a given seed on one
machine: fixed seeds, one thread order, no dropout at inference.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sverka.nlp.stance.features import Pair
from sverka.nlp.stance.net import MAX_DIST, N_TYPES, Encoded, StanceNet, encode, pad

HIDDEN = 128
EPOCHS = 14
BATCH = 32
LR = 2e-3
DROPOUT = 0.5
WORD_DROPOUT = 0.1  # share of context words hidden in training, so no single word decides
CLASS_WEIGHT = (2.0, 1.0, 2.0)  # negative, neutral, positive
N_RELS = 64


def _module(torch, nn):
    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.type_in = nn.Parameter(torch.randn(N_TYPES, 300) * 0.3)
            self.dist = nn.Embedding(2 * MAX_DIST + 1, 24)
            self.rel = nn.Embedding(N_RELS, 16)
            self.typ = nn.Embedding(N_TYPES, 16)
            self.drop = nn.Dropout(DROPOUT)
            self.rnn = nn.LSTM(300 + 24 + 16 + 1, HIDDEN, batch_first=True, bidirectional=True)
            self.att = nn.Linear(4 * HIDDEN, 1)
            self.out = nn.Sequential(nn.Linear(6 * HIDDEN + 16, 128), nn.ReLU(), nn.Dropout(DROPOUT),
                                     nn.Linear(128, 3))

        def forward(self, vec, dist, rel, lex, mask, mention, etype, lengths):
            vec = vec + mention.unsqueeze(-1) * self.type_in[etype].unsqueeze(1)
            x = torch.cat([vec, self.dist(dist), self.rel(rel), lex.unsqueeze(-1)], -1)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.rnn(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
            ent = (h * mention.unsqueeze(-1)).sum(1) / mention.sum(1, keepdim=True).clamp(min=1)
            top = (h + (mask.unsqueeze(-1) - 1) * 1e4).max(1).values
            scores = self.att(torch.cat([h, ent.unsqueeze(1).expand_as(h)], -1)).squeeze(-1) + (mask - 1) * 1e4
            att = (torch.softmax(scores, 1).unsqueeze(-1) * h).sum(1)
            return self.out(self.drop(torch.cat([ent, top, att, self.typ(etype)], -1)))

    return Net


def _batch(torch, encs: list[Encoded], word_dropout: float, rng: np.random.Generator):
    b = pad(encs)
    vectors = b.vectors()
    if word_dropout:
        hide = (rng.random(b.mask.shape) < word_dropout) & (b.mention == 0)
        vectors[hide] = 0.0
    arrays = (vectors, b.dist, b.rel, b.lex, b.mask, b.mention, b.etype)
    return [torch.from_numpy(a) for a in arrays] + [torch.from_numpy(b.lengths)]


def train_nets(train: list[Pair], labels: list[int], lexicon: dict[str, float], seeds: list[int],
               log: Callable[[str], None] = print) -> StanceNet:
    """One net per seed on the training pairs; labels −1/0/1."""
    import torch
    from torch import nn

    torch.set_num_threads(1)  # the same arithmetic on every machine size: reproducible weights
    rels = {r: i + 1 for i, r in enumerate(sorted({t.rel for p in train for t in p.tokens}))}
    types = {t: i for i, t in enumerate(sorted({p.etype for p in train}))}
    assert len(rels) < N_RELS and len(types) <= N_TYPES
    encs = [encode(p, rels, types, lexicon) for p in train]
    y = torch.tensor([label + 1 for label in labels])
    nets = []
    for seed in seeds:
        torch.manual_seed(seed)
        rng = np.random.default_rng(seed)
        net = _module(torch, nn)()
        opt = torch.optim.Adam(net.parameters(), lr=LR)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, EPOCHS)
        lossf = nn.CrossEntropyLoss(weight=torch.tensor(CLASS_WEIGHT))
        for epoch in range(EPOCHS):
            net.train()
            order = rng.permutation(len(encs))
            total = 0.0
            for s in range(0, len(order), BATCH):
                idx = order[s:s + BATCH]
                loss = lossf(net(*_batch(torch, [encs[i] for i in idx], WORD_DROPOUT, rng)), y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += loss.item()
            sched.step()
            log(f"  net seed {seed} epoch {epoch + 1}/{EPOCHS}: loss {total:.1f}")
        nets.append({k: v.detach().numpy().copy() for k, v in net.state_dict().items()})
    return StanceNet(nets, rels, types, lexicon)
