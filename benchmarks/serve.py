"""Latency of the REST API and web pages on a ≥ 100k-document database, under a bounded load on 127.0.0.1.

    python benchmarks/serve.py                         # builds (once) and serves $TMPDIR/sverka-bench-serve.db
    python benchmarks/serve.py --docs 100000 --requests 60 --concurrency 2 --db /tmp/big.db --rebuild

The database (SQLite) is built from the samples the way `benchmarks/ingest.py` builds its corpus:
1. РИА Новости and Mash (102 posts) ingested with full analysis and linked (`sverka link`), every
   other sample (592) stored and indexed with `--no-analyze`;
2. synthetic copies until `--docs` documents exist: copy k of a document gets the id `bench:<k>:<id>`
   and its time moved k days back; its search terms, analysis and analysis rows (entities, mentions,
   times, claims, links) are copied with it in SQL (the FTS5 triggers index the copies), so about
   15% of the corpus is analysed, as after a partial `sverka ingest`.

Then `sverka serve` runs in a subprocess on 127.0.0.1, and each endpoint gets `--warmup` unmeasured
requests and then `--requests` requests from `--concurrency` client threads, stopping early after
`--seconds`. Printed: the first (cold) request, p50 / p95 / max in milliseconds (wall time seen by the
client), errors, and the load average (the machine may be shared: compare runs at a similar load).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import text

from sverka.config import shared_dir
from sverka.store import Store

SAMPLES = shared_dir() / "data" / "samples"
NKTKLN = SAMPLES / "telegram" / "nktkln_channels_2024-11-26"
ANALYSED = ["1001101170442_messages.json", "1001117628569_messages.json"]
PUTIN = quote("PER:Владимир Путин", safe="")
# (table, key columns that hold a document id) copied with each synthetic copy of a document
COPIED = ("analyses", "entities", "mentions", "times", "claims", "links", "sentiment", "events")
err = Console(stderr=True)


def build(path: Path, docs: int) -> int:
    """The benchmark database at `path` (see the module docstring); returns its document count."""
    from sverka.ingest import ingest

    url = f"sqlite:///{path}"
    ingest([NKTKLN / name for name in ANALYSED], db=url, workers=2)
    try:
        from sverka.link.storage import link_store

        link_store(Store(url).engine)
    except Exception as exc:  # the linker is another part of sverka: stories are measured empty without it
        err.print(f"[yellow]sverka link failed ({exc}); stories stay empty[/]")
    ingest([SAMPLES], db=url, analyse=False)
    store = Store(url)
    with store.engine.begin() as conn:
        base = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
        copies = -(-(docs - base) // base)
        for k in range(1, copies + 1):
            copy_documents(conn, k)
            if k % 20 == 0:
                err.print(f"copy {k}/{copies}")
        total = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
    with store.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
    store.close()
    return total


def copy_documents(conn, k: int) -> None:
    """Copy k of every original document with its index and analysis rows (SQLite SQL, bound parameters)."""
    prefix = {"p": f"bench:{k}:"}
    for table in ("documents", "search_text", *COPIED):
        cols = [c for c in _columns(conn, table) if c != "seq"]
        values = [":p || " + c if c in ("id", "document_id") and not (table == "documents" and c == "document_id")
                  else f"datetime(published, '-{k} days')" if c == "published" else c for c in cols]
        key = "id" if table == "documents" else "document_id"
        conn.execute(text(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(values)} FROM {table} "
                          f"WHERE {key} NOT LIKE 'bench:%'"), prefix)
    if _separate_fts(conn):  # the store keeps the terms in FTS5 rows of their own (migration 0003)
        conn.execute(text("INSERT INTO search_fts (rowid, lemmas) SELECT n.seq, f.lemmas FROM search_text o "
                          "JOIN search_text n ON n.document_id = :p || o.document_id "
                          "JOIN search_fts f ON f.rowid = o.seq WHERE o.document_id NOT LIKE 'bench:%'"), prefix)


def _separate_fts(conn) -> bool:
    names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    return "search_fts" in names and "search_text_ai" not in names


def _columns(conn, table: str) -> list[str]:
    rows = conn.execute(text(f"PRAGMA table_info({table})"))
    return [f'"{r[1]}"' if r[1] in ("end", "start") else r[1] for r in rows]


def endpoints(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        doc = conn.execute(text("SELECT document_id FROM claims WHERE document_id NOT LIKE 'bench:%' "
                                "GROUP BY document_id ORDER BY count(*) DESC LIMIT 1")).scalar_one()
    doc = quote(doc, safe="")
    ria = quote("РИА Новости")
    return [
        ("api", "/api/documents"),
        ("api", "/api/documents?q=" + quote("Путин")),
        ("api", f"/api/documents?q={quote('Путина Казахстан')}&channel={ria}"),
        ("api", "/api/documents?since=2024-06-01&until=2024-09-30&entity_type=PER"),
        ("api", "/api/documents/facets?q=" + quote("Путин")),
        ("api", f"/api/documents/{doc}"),
        ("api", "/api/entities?limit=50"),
        ("api", f"/api/entities/{PUTIN}"),
        ("api", f"/api/entities/{PUTIN}/timeline"),
        ("api", "/api/claims?min_checkworthiness=0.5"),
        ("api", "/api/claims?insider=true&sort=published"),
        ("api", "/api/sources"),
        ("api", "/api/stories"),
        ("api", "/api/stats"),
        ("csv", "/api/documents?q=" + quote("рубль") + "&format=csv&limit=100"),
        ("page", "/"),
        ("page", "/search?q=" + quote("Путин")),
        ("page", f"/documents/{doc}"),
        ("page", f"/entities/{PUTIN}"),
        ("page", "/claims"),
        ("page", "/sources"),
        ("page", "/stories"),
    ]


def measure(client: httpx.Client, url: str, n: int, warmup: int, concurrency: int, seconds: float):
    """Latencies (sorted, ms) of the measured requests, their errors, and the first (cold) request's time."""
    start = time.perf_counter()
    client.get(url)
    cold = (time.perf_counter() - start) * 1000
    for _ in range(warmup - 1):
        client.get(url)
    deadline = time.monotonic() + seconds

    def one(_: int) -> tuple[float, int] | None:
        if time.monotonic() > deadline:
            return None
        start = time.perf_counter()
        response = client.get(url)
        return (time.perf_counter() - start) * 1000, response.status_code

    with ThreadPoolExecutor(concurrency) as pool:
        results = [r for r in pool.map(one, range(n)) if r is not None]
    times = sorted(ms for ms, _ in results)
    errors = sum(1 for _, status in results if status != 200)
    return times, errors, cold


def free_port(port: int) -> int:
    """`port` if nothing listens on it (0: any free port); never measure somebody else's server."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            raise SystemExit(f"port {port} is in use: pass another --port (or 0 for any free one)") from None
        return s.getsockname()[1]


def serve(db: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "SVERKA_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "sverka", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--db", str(db), "--workers", str(workers)], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"sverka serve exited: {proc.stderr.read() if proc.stderr else ''}") from None
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("sverka serve did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the database (at least)")
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "sverka-bench-serve.db")
    parser.add_argument("--rebuild", action="store_true", help="build the database even if it exists")
    parser.add_argument("--requests", type=int, default=60, help="measured requests per endpoint")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2, help="client threads (the machine has 2 cores)")
    parser.add_argument("--seconds", type=float, default=20.0, help="time cap per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="server processes (sverka serve --workers)")
    parser.add_argument("--port", type=int, default=0, help="port for the server (0: any free port)")
    args = parser.parse_args()
    store = Store(f"sqlite:///{args.db}") if args.db.exists() and not args.rebuild else None
    total = store.stats()["documents"] if store else 0
    if total < args.docs:
        if store:
            store.close()
        args.db.unlink(missing_ok=True)
        started = time.perf_counter()
        total = build(args.db, args.docs)
        err.print(f"built {args.db}: {total} documents in {time.perf_counter() - started:.0f} s")
        store = Store(f"sqlite:///{args.db}")
    assert store is not None
    stats = store.stats()
    urls = endpoints(store)
    store.close()
    port = free_port(args.port)
    proc = serve(args.db, port, args.workers)
    table = Table(title=f"sverka serve on {stats['documents']} documents ({stats['analysed']} analysed, "
                        f"{stats['claims']} claims), {args.concurrency} clients, {args.workers} server process(es), "
                        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    for col in ("kind", "endpoint", "cold ms", "n", "p50 ms", "p95 ms", "max ms", "errors"):
        table.add_column(col, justify="left" if col in ("kind", "endpoint") else "right")
    slow = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for kind, url in urls:
                times, errors, cold = measure(client, url, args.requests, args.warmup, args.concurrency,
                                              args.seconds)
                p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
                slow += [url] if p95 >= 200 else []
                table.add_row(kind, _short(url), f"{cold:.0f}", str(len(times)), f"{p50:.1f}", f"{p95:.1f}",
                              f"{times[-1]:.1f}", str(errors))
    finally:
        proc.terminate()
        proc.wait(10)
    out = Console(width=150)
    out.print(table)
    load = os.getloadavg()
    out.print(f"load average during the run: {load[0]:.1f} (1 min) on {os.cpu_count()} cores; "
              "cold = the first request, before the 60 s cache of corpus-wide aggregates is filled")
    out.print(f"target p95 < 200 ms: {'met by every endpoint' if not slow else 'missed by ' + ', '.join(slow)}")


def _short(url: str, size: int = 70) -> str:
    from urllib.parse import unquote

    url = unquote(url)
    return url if len(url) <= size else url[: size - 1] + "…"


if __name__ == "__main__":
    main()
