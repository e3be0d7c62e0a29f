"""Claims benchmark on the hand-labelled dev set (benchmarks/data/claims_dev.jsonl).

    python benchmarks/claims.py [--split dev|check|all]

Prints, per split: claim detection P/R/F1 (a predicted claim matches a gold one when their
overlap is ≥ 50% of the longer span), and on matched claims type and sourcing macro-F1 with
per-class tables, speaker exact-match accuracy, insider-flag F1 and check-worthiness F1 for the
"high" class (score ≥ HIGH, 0.5); direct-quote exact-span F1 over all quotes; docs/s and peak RSS.
The "check" split is kept untouched by rule tuning: score it separately.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sverka.api import analyze_docs
from sverka.doc import Document
from sverka.nlp.claims.checkworthy import HIGH
from sverka.nlp.claims.events import extract_events_doc
from sverka.nlp.claims.signals import compute_signals_doc
from sverka.nlp.claims.stage import extract_claims_doc
from sverka.score import match_spans

DEV = Path(__file__).parent / "data" / "claims_dev.jsonl"
TYPES = ("event", "statement", "opinion", "prediction")
SOURCING = ("named", "anonymous", "none")
console = Console()


def load(split: str) -> list[dict[str, Any]]:
    posts = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [p for p in posts if split == "all" or p["split"] == split]


def to_doc(post: dict[str, Any]) -> Document:
    published = datetime.fromisoformat(post["published"]) if post.get("published") else None
    source = post["source"].get("channel")
    return Document(id=post["id"], text=post["text"], published=published, source=source,
                    meta={"links": post.get("links", [])})


def stems(name: str | None) -> set[str]:
    return {w[:5] for w in re.findall(r"\w+", (name or "").lower().replace("ё", "е"))}


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """Same referent: one name's word stems contain the other's; gold may list variants "a;b"."""
    if not gold or not pred:
        return not gold and not pred
    p = stems(pred)
    return any(bool(g and p) and (g <= p or p <= g) for g in map(stems, gold.split(";")))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def per_class(pairs: list[tuple[str, str]], labels: tuple[str, ...]) -> dict[str, tuple[float, float, float, int]]:
    out = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in pairs)
        fp = sum(g != lab and p == lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        out[lab] = (*prf(tp, fp, fn), sum(g == lab for g, _ in pairs))
    return out


def macro(table: dict[str, tuple[float, float, float, int]]) -> float:
    present = [v[2] for v in table.values() if v[3]]
    return sum(present) / len(present) if present else 0.0


def speaker_name(claim: dict[str, Any], ents: dict[str, str]) -> str | None:
    if claim.get("speaker"):
        return ents.get(claim["speaker"], claim.get("speaker_name"))
    return claim.get("speaker_name")


def evaluate(posts: list[dict[str, Any]]) -> dict[str, Any]:
    t0 = time.perf_counter()
    analyses = list(analyze_docs([to_doc(p) for p in posts], stages=["entities", "times", "syntax"]))
    t1 = time.perf_counter()
    for a in analyses:
        extract_claims_doc(a)  # called directly: an exception here fails the benchmark loudly
    t2 = time.perf_counter()
    for a in analyses:
        extract_events_doc(a)
        compute_signals_doc(a)
    t3 = time.perf_counter()
    n_gold = n_pred = 0
    matched: list[tuple[dict, dict, dict[str, str]]] = []
    q_tp = q_fp = q_fn = 0
    for post, a in zip(posts, analyses, strict=True):
        gold, pred = post["claims"], a.claims
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        ents = {e.id: e.name for e in a.entities}
        matched += [(g, p, ents) for g, p in match_spans(gold, pred)]
        gq = {(g["quote"]["start"], g["quote"]["end"]) for g in gold if g.get("quote")}
        pq = {(p["quote"]["start"], p["quote"]["end"]) for p in pred if p.get("quote")}
        q_tp, q_fp, q_fn = q_tp + len(gq & pq), q_fp + len(pq - gq), q_fn + len(gq - pq)
    tp = len(matched)
    types = per_class([(g["type"], p["type"]) for g, p, _ in matched], TYPES)
    sourcing = per_class([(g["sourcing"], p["sourcing"]) for g, p, _ in matched], SOURCING)
    spk = [same_speaker(g.get("speaker"), speaker_name(p, e)) for g, p, e in matched]
    ins = Counter((g["insider"], bool(p["insider"])) for g, p, _ in matched)
    cw = Counter((g["checkworthiness"] == "high", p["checkworthiness"] >= HIGH) for g, p, _ in matched)
    return {
        "posts": len(posts), "gold": n_gold, "pred": n_pred,
        "detection": prf(tp, n_pred - tp, n_gold - tp),
        "types": types, "type_macro": macro(types),
        "sourcing": sourcing, "sourcing_macro": macro(sourcing),
        "speaker": sum(spk) / len(spk) if spk else 0.0,
        "quote": prf(q_tp, q_fp, q_fn),
        "insider": prf(ins[(True, True)], ins[(False, True)], ins[(True, False)]),
        "check_high": prf(cw[(True, True)], cw[(False, True)], cw[(True, False)]),
        "docs_per_s": len(posts) / (t3 - t0),
        "claims_ms": 1000 * (t2 - t1) / max(len(posts), 1),
        "foundation_ms": 1000 * (t1 - t0) / max(len(posts), 1),
        "events_signals_ms": 1000 * (t3 - t2) / max(len(posts), 1),
        "errors": [(g, p, e) for g, p, e in matched],
    }


def show(split: str, r: dict[str, Any]) -> None:
    t = Table(title=f"claims on '{split}' ({r['posts']} posts, {r['gold']} gold claims, {r['pred']} predicted)",
              title_justify="left")
    for col in ("metric", "P", "R", "F1 / value", "target"):
        t.add_column(col)
    p, rr, f = r["detection"]
    t.add_row("claim detection (overlap ≥ 50%)", f"{p:.3f}", f"{rr:.3f}", f"{f:.3f}", "")
    t.add_row("type macro-F1", "", "", f"{r['type_macro']:.3f}", "≥ 0.75")
    t.add_row("sourcing macro-F1", "", "", f"{r['sourcing_macro']:.3f}", "≥ 0.75")
    t.add_row("speaker exact-match accuracy", "", "", f"{r['speaker']:.3f}", "≥ 0.80")
    for name, key, target in (("direct-quote exact span", "quote", "≥ 0.80"), ("insider flag", "insider", ""),
                              ("check-worthiness 'high'", "check_high", "")):
        p, rr, f = r[key]
        t.add_row(name, f"{p:.3f}", f"{rr:.3f}", f"{f:.3f}", target)
    t.add_row("speed, whole pipeline", "", "", f"{r['docs_per_s']:.1f} docs/s", "")
    t.add_row("  foundation + syntax", "", "", f"{r['foundation_ms']:.0f} ms/doc", "")
    t.add_row("  claims stage", "", "", f"{r['claims_ms']:.0f} ms/doc", "")
    t.add_row("  events + signals stages", "", "", f"{r['events_signals_ms']:.0f} ms/doc", "")
    console.print(t)
    for name, key in (("type", "types"), ("sourcing", "sourcing")):
        ct = Table(title=f"{name} per class ({split})", title_justify="left")
        for col in ("class", "P", "R", "F1", "gold n"):
            ct.add_column(col)
        for lab, (p, rr, f, n) in r[key].items():
            ct.add_row(lab, f"{p:.3f}", f"{rr:.3f}", f"{f:.3f}", str(n))
        console.print(ct)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="both", choices=("dev", "check", "all", "both"))
    ap.add_argument("--errors", action="store_true", help="print matched claims whose labels differ")
    args = ap.parse_args()
    splits = ("dev", "check") if args.split == "both" else (args.split,)
    for split in splits:
        result = evaluate(load(split))
        show(split, result)
        if args.errors:
            for g, p, e in result["errors"]:
                sp = speaker_name(p, e)
                if (g["type"], g["sourcing"]) != (p["type"], p["sourcing"]) or not same_speaker(g.get("speaker"), sp):
                    print(f"- {g['text'][:90]!r}\n  gold {g['type']}/{g['sourcing']}/{g.get('speaker')}"
                          f"  pred {p['type']}/{p['sourcing']}/{sp}  frame={p.get('source_text')!r}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    console.print(f"peak RSS: {peak:.0f} MB", highlight=False)


if __name__ == "__main__":
    sys.exit(main())
