"""Check-worthiness: a 0..1 score with its reasons (factual, specific, consequential, verifiable).

The score is a small logistic regression over the features below, trained on the dev split of
benchmarks/data/claims_dev.jsonl by `python -m sverka.train.claims` and shipped as
models/claims/checkworthiness.json; without that file, hand-set weights give the score.
Opinions score low; numbers, dates, names and consequential topics raise it.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from typing import Any

from sverka.config import MODELS_DIR
from sverka.nlp.claims.lexicon import find_phrases

MODEL = MODELS_DIR / "claims" / "checkworthiness.json"
HIGH, MEDIUM = 0.5, 0.3  # score bands: ≥ HIGH is the "high" class of the annotation guide
OPINION_CAP = 0.3
CONSEQUENTIAL = (
    "убит", "погиб", "ранен", "удар", "атак", "санкц", "арест", "задерж", "закон", "указ", "выбор", "войн", "войск",
    "переговор", "соглашени", "ракет", "беспилотник", "дрон", "казн", "приговор", "отставк", "назнач", "протест",
    "взрыв", "обстрел", "уголовн", "млн", "млрд", "тариф", "пошлин", "газ", "нефть", "ультиматум", "штраф",
)
FEATURES = (
    "number", "date", "entity", "entities_2plus", "consequential", "event", "statement", "opinion", "prediction",
    "hedged", "short", "named_source", "anonymous_source", "negated", "conditional", "length",
)
HAND_WEIGHTS = {
    "number": 0.15, "date": 0.1, "entity": 0.1, "entities_2plus": 0.05, "consequential": 0.1, "event": 0.1,
    "statement": 0.1, "opinion": -0.25, "prediction": -0.05, "hedged": -0.05, "short": -0.1,
}


def features(claim: dict[str, Any]) -> dict[str, float]:
    text = claim["text"]
    n_ents = len(claim.get("entities") or [])
    return {
        "number": float(bool(re.search(r"\d", text))),
        "date": float(bool(claim.get("time"))),
        "entity": float(n_ents > 0),
        "entities_2plus": float(n_ents > 1),
        "consequential": float(bool(find_phrases(text, CONSEQUENTIAL, stems=True))),
        "event": float(claim["type"] == "event"),
        "statement": float(claim["type"] == "statement"),
        "opinion": float(claim["type"] == "opinion"),
        "prediction": float(claim["type"] == "prediction"),
        "hedged": float(bool(claim.get("hedged"))),
        "short": float(len(text.split()) < 6),
        "named_source": float(claim.get("sourcing") == "named"),
        "anonymous_source": float(claim.get("sourcing") == "anonymous"),
        "negated": float(bool(claim.get("negated"))),
        "conditional": float(bool(claim.get("conditional"))),
        "length": min(len(text) / 200, 2.0),
    }


def checkworthiness(claim: dict[str, Any]) -> tuple[float, list[str]]:
    feats = features(claim)
    model = load_model()
    if model is not None:
        z = model["intercept"] + sum(w * feats[name] for name, w in zip(model["features"], model["weights"],
                                                                           strict=True))
        score = 1 / (1 + math.exp(-z))
    else:
        score = 0.3 + sum(HAND_WEIGHTS.get(k, 0.0) * v for k, v in feats.items())
    if claim["type"] == "opinion":
        score = min(score, OPINION_CAP)  # the rule: opinions score low, whatever else they hold
    return round(min(1.0, max(0.0, score)), 2), reasons(claim, feats)


def reasons(claim: dict[str, Any], feats: dict[str, float]) -> list[str]:
    out = []
    n_ents = len(claim.get("entities") or [])
    if feats["number"]:
        out.append("number")
    if feats["date"]:
        out.append("date or time")
    if n_ents:
        out.append(f"{n_ents} named entit{'y' if n_ents == 1 else 'ies'}")
    if feats["consequential"]:
        out.append("consequential topic")
    if claim["type"] in ("event", "statement"):
        out.append(f"factual ({claim['type']})")
    if claim["type"] == "opinion":
        out.append("opinion: not checkable as fact")
    if claim["type"] == "prediction":
        out.append("prediction: checkable only later")
    if feats["hedged"]:
        out.append("hedged")
    if feats["short"]:
        out.append("short")
    return out or ["nothing specific to check"]


@cache
def load_model() -> dict[str, Any] | None:
    if not MODEL.exists():
        return None
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURES:
        return None  # trained on another feature set: retrain with python -m sverka.train.claims
    return model
