"""Linking at scale: synthetic corpora of 10k, 30k and 100k posts, time and peak memory for each.

    python benchmarks/link_scale.py [--sizes 10000,30000,100000] [--batch 2000]

The corpora are generated from the 462 sample posts (`../shared/data/samples/telegram/nktkln_*`):
day k is the sample day shifted by k days, with a word substitution of its own (half of the words of
the sample vocabulary are replaced by other sample words, the same way for every post of that day).
Each synthetic day thus has the sample's own structure of duplicates and stories, while different
days do not duplicate each other. Posts go to `Linker.add` in batches in time order, as `sverka link`
does; every size runs in a fresh process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import timedelta
from functools import partial

from rich.console import Console
from rich.table import Table

from sverka.doc import Document
from sverka.link import Linker
from sverka.link.devset import load_devset

WORD = re.compile(r"[А-Яа-яЁёA-Za-z]{3,}")


def synthetic(size: int, seed: int = 7) -> list[Document]:
    base = load_devset().docs
    vocab = sorted({w.lower() for d in base for w in WORD.findall(d.text)})
    docs: list[Document] = []
    day = 0
    while len(docs) < size:
        rng = random.Random(seed * 100_003 + day)
        mapping = {w: rng.choice(vocab) for w in vocab if rng.random() < 0.5}
        for d in base:
            if len(docs) >= size:
                break
            text = WORD.sub(partial(_swap, mapping=mapping), d.text) if day else d.text
            published = d.published + timedelta(days=day) if d.published else None
            docs.append(Document(f"{d.id}:d{day}", text, published, d.source, meta={"channel": d.source}))
        day += 1
    return docs


def _swap(match: re.Match, mapping: dict[str, str]) -> str:
    word = match.group(0)
    new = mapping.get(word.lower(), word.lower())
    return new.capitalize() if word[:1].isupper() else new


def child(size: int, batch: int) -> None:
    docs = synthetic(size)
    start = time.perf_counter()
    linker = Linker()
    for i in range(0, len(docs), batch):
        linker.add(docs[i : i + batch])
    secs = time.perf_counter() - start
    result = {
        "size": size,
        "seconds": round(secs, 1),
        "docs_per_s": round(size / secs),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "dup_pairs": len(linker.dedup.pairs),
        "stories": sum(1 for s in linker.stories.stories.values() if s.size > 1),
        "largest_story": max(s.size for s in linker.stories.stories.values()),
        "claim_links": len(linker.claim_links),
    }
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.batch)
        return
    table = Table(title="Linking synthetic corpora (dedup + stories + claim links, incremental batches)")
    cols = ("size", "seconds", "docs_per_s", "peak_mb", "dup_pairs", "stories", "largest_story", "claim_links")
    for col in (*cols, "s per 10k"):
        table.add_column(col, justify="right")
    console = Console()
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--child", str(size), "--batch", str(args.batch)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        table.add_row(*(str(r[c]) for c in cols), f"{r['seconds'] / size * 10_000:.1f}")
        console.print(f"{size}: {r['seconds']} s, peak {r['peak_mb']} MB")
    console.print(table)


if __name__ == "__main__":
    main()
