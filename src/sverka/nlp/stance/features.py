"""Features for targeted sentiment: what surrounds one entity mention in one sentence.

A pair is (sentence tokens with lemma and syntax, the mention's token span, its type). Features
are strings (sparse, looked up in the model's vocabulary) plus a dense navec vector of the
words near the mention. The mention is masked from its context features: the model should learn
what is said about an entity, not which entity it is; only its common nouns ("боевики") count.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from sverka.doc import Token
from sverka.nlp.models import navec

WINDOW = 4  # words either side that count as "near" the mention
NEGATORS = frozenset({"не", "нет", "ни", "без"})
# The pipeline's entity types and RuSentNE's: a LOC in a political post is mostly a country.
TYPE_MAP = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "COUNTRY"}


@dataclass
class Pair:
    """One mention to score: tokens of its sentence, the token span [first, last) and a type."""

    tokens: list[Token]
    first: int
    last: int
    etype: str


def word(token: Token) -> str:
    return (token.lemma or token.text).lower().replace("ё", "е")


def is_word(token: Token) -> bool:
    return any(ch.isalpha() for ch in token.text)


def sparse_features(pair: Pair, lexicon: dict[str, float]) -> list[str]:
    toks, first, last = pair.tokens, pair.first, pair.last
    etype = TYPE_MAP.get(pair.etype, pair.etype)
    feats = [f"t:{etype}", "bias"]
    lemmas = [word(t) if is_word(t) else "" for t in toks]
    # The mention's own common nouns ("террорист", "боевики") but never a name: no priors about people.
    feats += [f"e:{lemma}" for t, lemma in zip(toks[first:last], lemmas[first:last], strict=True)
              if lemma and t.text.islower()]
    for i, lemma in enumerate(lemmas):
        if not lemma or first <= i < last:
            continue
        feats.append(f"s:{lemma}")
        dist = i - last + 1 if i >= last else first - i
        if dist <= WINDOW:
            side = "r" if i >= last else "l"
            feats.append(f"w:{lemma}")
            feats.append(f"{side}{min(dist, 2)}:{lemma}")
            feats += char_grams(toks[i].text)
    feats += [f"b:{a}_{b}" for a, b in pairwise(lemmas) if a and b]
    feats += _syntax_features(pair, lemmas)
    feats += _lexicon_features(pair, lemmas, lexicon, etype)
    return feats


def char_grams(text: str, n: int = 4) -> list[str]:
    """Character 4-grams of a word form: stems and affixes the lemmatizer does not know."""
    padded = f"<{text.lower().replace('ё', 'е')}>"
    return [f"ch:{padded[j:j + n]}" for j in range(len(padded) - n + 1)]


# Each group of features is scaled to unit length on its own, so a long sentence's bag of words
# does not drown the few syntax and lexicon features.
GROUPS = {"l1": "w", "l2": "w", "r1": "w", "r2": "w", "rel": "x", "c": "x", "h": "x", "hr": "x", "sib": "x",
          "lxn": "lx", "lxt": "lx", "bias": "t"}


def feature_group(feature: str) -> str:
    prefix = feature.split(":", 1)[0]
    return GROUPS.get(prefix, prefix)


def _syntax_features(pair: Pair, lemmas: list[str]) -> list[str]:
    toks = pair.tokens
    if not toks or not toks[0].id:
        return []
    by_id = {t.id: i for i, t in enumerate(toks)}
    span = range(pair.first, pair.last)
    root = next((i for i in span if by_id.get(toks[i].head) not in span), pair.first)
    rel = toks[root].rel.split(":")[0]
    feats = [f"rel:{rel}"]
    head = by_id.get(toks[root].head)
    for i, t in enumerate(toks):  # modifiers of the mention: "скандальный депутат"
        if by_id.get(t.head) == root and i not in span and lemmas[i]:
            feats.append(f"c:{lemmas[i]}")
    steps = 0
    while head is not None and steps < 3:  # the path up to the root: verbs that act on the entity
        if lemmas[head]:
            feats.append(f"h:{lemmas[head]}")
            if steps == 0:
                feats.append(f"hr:{rel}_{lemmas[head]}")
                feats += [f"sib:{lemmas[i]}" for i, t in enumerate(toks)
                          if by_id.get(t.head) == head and i != root and i not in span and lemmas[i]]
        rel = toks[head].rel.split(":")[0]
        head = by_id.get(toks[head].head)
        steps += 1
    return feats


def _pol(score: float) -> str:
    return "pos" if score > 0 else "neg"


def _lexicon_features(pair: Pair, lemmas: list[str], lexicon: dict[str, float], etype: str) -> list[str]:
    """Counts of evaluative words from the lexicon, near the mention and in the whole sentence."""
    if not lexicon:
        return []
    feats = []
    for i, lemma in enumerate(lemmas):
        score = lexicon.get(lemma)
        if score is None or pair.first <= i < pair.last:
            continue
        pol = _pol(score)
        negated = i > 0 and lemmas[i - 1] in NEGATORS
        near = pair.first - WINDOW <= i < pair.last + WINDOW
        feats.append(f"lx:{pol}{'~' if negated else ''}")
        if near:
            feats.append(f"lxn:{pol}")
            feats.append(f"lxt:{etype}_{pol}")
    return feats


def dense_features(pair: Pair) -> np.ndarray:
    """Mean navec vector of the words near the mention and of the whole sentence (600 floats)."""
    emb = navec()
    near, whole = [], []
    for i, t in enumerate(pair.tokens):
        if pair.first <= i < pair.last or not is_word(t):
            continue
        key = t.text.lower().replace("ё", "е")
        vec = emb.get(key)
        if vec is None:
            continue
        whole.append(vec)
        if pair.first - WINDOW <= i < pair.last + WINDOW:
            near.append(vec)
    return np.concatenate([_mean(near), _mean(whole)]).astype(np.float32)


def _mean(vecs: list[np.ndarray]) -> np.ndarray:
    return np.mean(vecs, axis=0) if vecs else np.zeros(300, dtype=np.float32)


def token_span(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The tokens that overlap the character span [start, end)."""
    idx = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if not idx:
        nearest = min(range(len(tokens)), key=lambda i: abs(tokens[i].start - start))
        return nearest, nearest + 1
    return idx[0], idx[-1] + 1


def parse_texts(texts: list[str]) -> list[list[Token]]:
    """Tokens with lemma and syntax for sentences given as plain text (the RuSentNE line format)."""
    from razdel import tokenize

    from sverka.nlp.models import syntax_parser
    from sverka.nlp.morph import lemma_pos

    sents = []
    for text in texts:
        toks = [Token(start=t.start, end=t.stop, text=t.text, lemma="", pos="") for t in tokenize(text)]
        for tok in toks:
            tok.lemma, tok.pos = lemma_pos(tok.text)
        sents.append(toks)
    words = [[t.text for t in toks] for toks in sents if toks]
    parsed = iter(syntax_parser().map(words))
    for toks in sents:
        if not toks:
            continue
        for tok, out in zip(toks, next(parsed).tokens, strict=True):
            tok.id, tok.head, tok.rel = int(out.id), int(out.head_id), out.rel
    return sents
