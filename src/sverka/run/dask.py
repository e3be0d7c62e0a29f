"""Analyse a corpus larger than one machine with Dask: JSONL in, JSONL partitions out.

    sverka analyze --input 'corpus/*.jsonl' --output analyses/ --dask                      # all local cores
    sverka analyze --input 'corpus/*.jsonl' --output analyses/ --dask tcp://scheduler:8786  # a cluster

Each input line is `{"id", "text", "published"?, "source"?, "url"?}` as for the local batch. The
corpus is cut into blocks of lines; every worker loads the models once (they are cached per
process) and analyses its blocks in batches. Output: `analyses/part-NNNNN.jsonl`, one analysis per
line, and `analyses/rejects-NNNNN.jsonl` with `{"path", "position", "reason"}` for bad lines (the
position is the record's id or its first characters: a block does not know its line numbers).
A cluster needs `pip install "sverka[dask]"` (dask.distributed) on every machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sverka.errors import ConfigError

BLOCKSIZE = "8MiB"  # per partition: thousands of posts, minutes of work, bounded memory


@dataclass
class DaskResult:
    analysed: int
    rejected: int
    parts: int


def analyze_corpus(
    inputs: list[str],
    output: Path,
    *,
    scheduler: str | None = None,
    stages: list[str] | None = None,
    blocksize: str = BLOCKSIZE,
) -> DaskResult:
    import dask
    import dask.bag as db

    output.mkdir(parents=True, exist_ok=True)
    bag = db.read_text(inputs, blocksize=blocksize, include_path=True)
    parts = bag.map_partitions(_analyse_partition, stages=stages)
    writes = [
        dask.delayed(_write_part)(part, output, i) for i, part in enumerate(parts.to_delayed())
    ]
    with _scheduler(scheduler) as compute_kwargs:
        counts = dask.compute(*writes, **compute_kwargs)
    return DaskResult(
        analysed=sum(c[0] for c in counts), rejected=sum(c[1] for c in counts), parts=len(counts)
    )


def _analyse_partition(lines: Iterable[tuple[str, str]], stages: list[str] | None) -> list[tuple[str, str]]:
    """("ok" | "reject", JSON line) for every input line of one block."""
    from sverka.api import analyze_docs
    from sverka.cli.analyze import record_to_doc

    out: list[tuple[str, str]] = []
    docs = []
    for line, path in lines:
        line = line.strip()
        if not line:
            continue
        reasons: list[str] = []
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(("reject", _reject(path, line[:40], f"broken JSON ({exc.msg})")))
            continue
        where = str(record.get("id")) if isinstance(record, dict) and record.get("id") else line[:40]
        doc = record_to_doc(record, where, None, reasons)
        if doc is None:
            out.append(("reject", _reject(path, where, reasons[0].split(": ", 1)[-1])))
        else:
            docs.append(doc)
    for analysis in analyze_docs(docs, stages=stages):
        out.append(("ok", json.dumps(analysis.to_dict(), ensure_ascii=False)))
    return out


def _reject(path: str, position: str, reason: str) -> str:
    return json.dumps({"path": path, "position": position, "reason": reason}, ensure_ascii=False)


def _write_part(rows: list[tuple[str, str]], output: Path, index: int) -> tuple[int, int]:
    ok = [line for kind, line in rows if kind == "ok"]
    bad = [line for kind, line in rows if kind == "reject"]
    (output / f"part-{index:05d}.jsonl").write_text("".join(x + "\n" for x in ok), encoding="utf-8")
    if bad:
        (output / f"rejects-{index:05d}.jsonl").write_text("".join(x + "\n" for x in bad), encoding="utf-8")
    return len(ok), len(bad)


@contextmanager
def _scheduler(address: str | None) -> Iterator[dict]:
    """Local processes by default; a dask.distributed cluster when given its address."""
    if address in (None, "", "processes"):
        yield {"scheduler": "processes"}
        return
    if address in ("sync", "synchronous"):
        yield {"scheduler": "synchronous"}
        return
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigError('a Dask cluster needs dask.distributed: pip install "sverka[dask]"') from exc
    with Client(address) as client:
        yield {"scheduler": client.get}
