"""Speed of the pipeline vs bare Natasha NER, on the real samples, in one process.

Rows: bare Natasha NER (slovnet news NER over each whole text, what `NewsNERTagger` does); the
foundation pipeline (language, sentences, lemmas, NER, canonical entities, time expressions); the
whole pipeline (plus syntax, claims, events, signals, stance, whichever are registered). The per-stage
table shows where the time goes. Models are loaded and warmed up before timing.

    python benchmarks/speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import deque

from rich.console import Console
from rich.table import Table

from sverka.config import shared_dir
from sverka.doc import Document
from sverka.nlp.models import ner_tagger
from sverka.pipeline import FOUNDATION, Pipeline, stage_names


def load_samples() -> list[Document]:
    docs = []
    folder = shared_dir() / "data" / "samples" / "telegram" / "nktkln_channels_2024-11-26"
    for path in sorted(folder.glob("*.json")):
        for post in json.loads(path.read_text(encoding="utf-8")):
            docs.append(Document(id=str(post["message_id"]), text=post["text"]))
    news = shared_dir() / "data" / "samples" / "news" / "articles.jsonl"
    for line in news.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(Document(id=record["id"], text=record["text"]))
    return docs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(func, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2, help="runs per row; the best is kept")
    args = parser.parse_args()
    docs = load_samples()
    texts = [d.text for d in docs]
    chars = sum(map(len, texts))
    foundation = Pipeline(FOUNDATION)
    whole = Pipeline(stage_names())
    for pipeline in (foundation, whole):  # load models, fill caches the way a long run would have them
        pipeline.run(docs[:20])

    rows = {}
    rows["bare Natasha NER"] = timed(lambda: deque(ner_tagger().map(texts), maxlen=0), args.repeat)
    for name, pipeline in (("sverka foundation", foundation), ("sverka whole pipeline", whole)):
        for key in pipeline.seconds:
            pipeline.seconds[key] = 0.0
        rows[name] = timed(lambda p=pipeline: deque(p.pipe(docs, batch_size=32), maxlen=0), args.repeat)

    console = Console(width=140)
    table = Table(title=f"Speed on {len(docs)} sample documents ({chars:,} characters), single process")
    for col in ("system", "seconds", "docs/s", "chars/s", "vs bare NER"):
        table.add_column(col, justify="right")
    base = rows["bare Natasha NER"]
    for name, seconds in rows.items():
        table.add_row(name, f"{seconds:.2f}", f"{len(docs) / seconds:.0f}", f"{chars / seconds:,.0f}",
                      f"{base / seconds:.0%}")
    console.print(table)

    stages = Table(title="Where the whole pipeline spends its time (all runs)")
    stages.add_column("stage")
    stages.add_column("seconds", justify="right")
    stages.add_column("share", justify="right")
    total = sum(whole.seconds.values()) or 1.0
    for stage, seconds in whole.seconds.items():
        stages.add_row(stage, f"{seconds:.2f}", f"{seconds / total:.0%}")
    console.print(stages)
    console.print(f"peak RSS: {peak_rss_mb():.0f} MB")
    ratio = base / rows["sverka foundation"]
    console.print(f"foundation throughput = {ratio:.0%} of bare NER (goal ≥ 50%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
