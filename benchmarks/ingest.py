"""Ingest and search speed on SQLite and PostgreSQL.

    python benchmarks/ingest.py                      # SQLite; PostgreSQL too when SVERKA_TEST_PG is set
    python benchmarks/ingest.py --docs 100000 --pg postgresql+psycopg://postgres@127.0.0.1:5433/sverka_bench
    python benchmarks/ingest.py --build-only sqlite:///big.db   # just build the 100k corpus database, keep it

1. Analysed ingest: the 462 Telegram posts of `samples/telegram/nktkln_channels_2024-11-26/` with the
   foundation stages (lang, segment, morph, ner, entities, times) in a pool of `--workers` processes.
2. A large corpus built from the samples, stored and indexed WITHOUT analysis (`--no-analyze`):
   every sample post and article (688) copied until `--docs` documents exist; copy k gets the id
   `bench:<k>:<original id>` and its date moved k days back (articles without a date start from
   2024-11-26), channel and text unchanged. It is written as one JSONL file and ingested through the
   ordinary JSONL reader.
3. Search latency on that corpus: each query alone, with a channel filter and with a date range,
   `--repeat` times; p50/p95 over all calls, first page of 20 with snippets (what `sverka search` does).
Peak RSS is this process's (the analysis pool workers are not counted).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sverka.config import shared_dir
from sverka.ingest import ingest
from sverka.pipeline import FOUNDATION
from sverka.readers import Reject, read
from sverka.store import Store

SAMPLES = shared_dir() / "data" / "samples"
NKTKLN = SAMPLES / "telegram" / "nktkln_channels_2024-11-26"
QUERIES = ["Путин", "Путина Казахстан", "рубль", "Токаев", "переговоры", "Зеленского", "санкции Газпромбанк",
           "Израиль Ливан перемирие", "Курской области", "Мишустин"]
console = Console(width=150)


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def fresh(url: str, tmp: Path, name: str) -> str:
    """An empty database: a new SQLite file, or a new PostgreSQL database beside the given one."""
    if url == "sqlite":
        path = tmp / f"{name}.db"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    db = f"sverka_bench_{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{db}"'))
    admin.dispose()
    return make_url(url).set(database=db).render_as_string(hide_password=False)


def build_corpus(n: int, out: Path) -> int:
    docs = [d for d in read(SAMPLES) if not isinstance(d, Reject) and d.meta.get("reader") != "text"]
    base = datetime(2024, 11, 26, tzinfo=UTC)
    written = 0
    with out.open("w", encoding="utf-8") as f:
        k = 0
        while written < n:
            for d in docs:
                if written >= n:
                    break
                when = (d.published or base) - timedelta(days=k)
                f.write(json.dumps({"id": f"bench:{k}:{d.id}", "text": d.text, "source": d.source or "—",
                                    "published": when.isoformat(), "url": d.url}, ensure_ascii=False) + "\n")
                written += 1
            k += 1
    return written


def timed_ingest(paths: list[Path], url: str, analyse: bool, workers: int) -> tuple[int, float]:
    start = time.perf_counter()
    result = ingest(paths, db=url, analyse=analyse, stages=list(FOUNDATION) if analyse else None, workers=workers)
    return result.documents, time.perf_counter() - start


def search_latency(url: str, repeat: int) -> tuple[float, float, int, int]:
    store = Store(url)
    channel = next(iter(store.stats()["channels"]))
    calls = []
    for q in QUERIES:
        for kwargs in ({}, {"channel": channel}, {"since": "2024-06-01", "until": "2024-09-30"}):
            calls.append((q, kwargs))
    store.documents(q="Путин")  # warm the caches once
    times, hits = [], 0
    for _ in range(repeat):
        for q, kwargs in calls:
            start = time.perf_counter()
            page = store.documents(q=q, limit=20, **kwargs)
            times.append((time.perf_counter() - start) * 1000)
            hits += page.total
    store.close()
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], len(times), hits // repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000, help="size of the search corpus")
    parser.add_argument("--pg", default=os.environ.get("SVERKA_TEST_PG"), help="PostgreSQL server URL")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-analysed", action="store_true", help="skip the analysed ingest")
    parser.add_argument("--build-only", metavar="URL", help="build the corpus database at URL (kept), then stop")
    args = parser.parse_args()
    if args.build_only:
        with tempfile.TemporaryDirectory() as tmpdir:
            corpus = Path(tmpdir) / "corpus.jsonl"
            build_corpus(args.docs, corpus)
            docs, secs = timed_ingest([corpus], args.build_only, False, 1)
        console.print(f"{docs} documents into {args.build_only} in {secs:.0f} s")
        return
    backends = ["sqlite"] + ([args.pg] if args.pg else [])
    table = Table(title=f"sverka ingest and search ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
    for col in ("backend", "what", "documents", "seconds", "docs/s", "p50 ms", "p95 ms", "peak MB"):
        table.add_column(col, justify="right" if col not in ("backend", "what") else "left")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        corpus = tmp / "corpus.jsonl"
        n = build_corpus(args.docs, corpus)
        Console(stderr=True).print(f"built {n} documents in {corpus.stat().st_size / 1e6:.0f} MB of JSONL")
        for backend in backends:
            name = "sqlite" if backend == "sqlite" else "postgresql"
            if not args.skip_analysed:
                url = fresh(backend, tmp, "analysed")
                docs, secs = timed_ingest([NKTKLN], url, True, args.workers)
                table.add_row(name, f"ingest + analysis ({len(FOUNDATION)} stages, {args.workers} workers)",
                              str(docs), f"{secs:.1f}", f"{docs / secs:.1f}", "", "", f"{peak_mb():.0f}")
            url = fresh(backend, tmp, "big")
            docs, secs = timed_ingest([corpus], url, False, args.workers)
            table.add_row(name, "ingest --no-analyze (store + search index)", str(docs), f"{secs:.1f}",
                          f"{docs / secs:.0f}", "", "", f"{peak_mb():.0f}")
            p50, p95, calls, hits = search_latency(url, args.repeat)
            table.add_row(name, f"search, {calls} calls ({hits} hits per round)", str(docs), "", "",
                          f"{p50:.1f}", f"{p95:.1f}", f"{peak_mb():.0f}")
    console.print(table)
    console.print("peak MB: this process (main + in-process indexing); analysis workers are separate processes.")


if __name__ == "__main__":
    main()
