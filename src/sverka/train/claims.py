"""Train the check-worthiness model: logistic regression over claim features, dev split only.

    python -m sverka.train.claims [--out src/sverka/models/claims/checkworthiness.json]

Runs the pipeline on the `dev` posts of benchmarks/data/claims_dev.jsonl, pairs each predicted claim
with the gold claim it overlaps (≥ 50% of the longer span), and fits `high` vs not on the features of
`sverka.nlp.claims.checkworthy`. C and the decision threshold are chosen by 5-fold cross-validation on
dev; the intercept is shifted so that the chosen threshold becomes 0.5 (HIGH). The `check` split is
never read here: `python benchmarks/claims.py --split check` scores the result.
"""

from __future__ import annotations

import argparse
import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from sverka.config import REPO_DIR
from sverka.doc import Document
from sverka.nlp.claims.checkworthy import FEATURES, MODEL, features
from sverka.score import match_spans

DEV = REPO_DIR / "benchmarks" / "data" / "claims_dev.jsonl"
GRID_C = (0.1, 0.3, 1.0, 3.0)
GRID_THRESHOLD = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
SEED = 13


def load_pairs(path: Path = DEV) -> tuple[list[list[float]], list[int]]:
    from sverka.api import analyze_docs

    posts = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    posts = [p for p in posts if p["split"] == "dev"]
    docs = [Document(id=p["id"], text=p["text"], source=p["source"].get("channel"),
                     published=datetime.fromisoformat(p["published"]) if p.get("published") else None)
            for p in posts]
    X, y = [], []
    for post, analysis in zip(posts, analyze_docs(docs, stages=["claims"]), strict=True):
        for gold, pred in match_spans(post["claims"], analysis.claims):
            feats = features(pred)
            X.append([feats[name] for name in FEATURES])
            y.append(int(gold["checkworthiness"] == "high"))
    return X, y


def choose(X: list[list[float]], y: list[int]) -> tuple[float, float, float]:
    """(C, threshold, cross-validated F1) with the best mean F1 over 5 folds."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    Xa, ya = np.array(X), np.array(y)
    best = (GRID_C[0], 0.5, -1.0)
    for c in GRID_C:
        probs = np.zeros(len(ya))
        for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(Xa, ya):
            model = LogisticRegression(C=c, max_iter=2000).fit(Xa[train], ya[train])
            probs[test] = model.predict_proba(Xa[test])[:, 1]
        for th in GRID_THRESHOLD:
            f1 = f1_score(ya, probs >= th)
            if f1 > best[2]:
                best = (c, th, f1)
    return best


def train(out: Path = MODEL) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    X, y = load_pairs()
    c, threshold, cv_f1 = choose(X, y)
    model = LogisticRegression(C=c, max_iter=2000).fit(X, y)
    shift = math.log(threshold / (1 - threshold))  # so that p = threshold becomes p = 0.5
    data = {
        "about": "check-worthiness: logistic regression, 'high' vs medium/low; python -m sverka.train.claims",
        "trained_on": "benchmarks/data/claims_dev.jsonl, split=dev (predicted claims paired with gold)",
        "examples": len(y), "positives": int(sum(y)), "C": c, "threshold_before_shift": threshold,
        "cv_f1_high": round(cv_f1, 3),
        "features": list(FEATURES),
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]) - shift, 4),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    data = train(args.out)
    print(f"wrote {args.out}: {data['examples']} examples, C={data['C']}, "
          f"threshold {data['threshold_before_shift']} → 0.5, cross-validated F1(high) {data['cv_f1_high']}")


if __name__ == "__main__":
    main()
