"""Ingest: read inputs, store the documents, their search text and analysis, in resumable batches.

    result = ingest(["ChatExport/"], db="sqlite:///sverka.db", workers=2)

Inputs are read twice: a first pass counts the documents (so the progress bar has a total and an
ETA) and collects the rejects; the second streams documents in batches, so memory does not grow
with the size of an export (feeds are fetched once, by the first pass, and kept). Every batch is planned against
the database (`store.write.plan_batch`); only the documents whose text is new or changed go to the
process pool (terms for search, and the analysis), and each batch is written in one transaction.
A run killed at any point leaves whole batches only; running it again skips them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from sverka import __version__
from sverka.doc import Document
from sverka.readers import ReadStats, Reject, read
from sverka.run.local import default_workers, ordered_map
from sverka.store import Store
from sverka.store.write import (
    Batch,
    finish_run,
    plan_batch,
    replace_rejects,
    start_run,
    stored_rows,
    write_analyses,
    write_batch,
)

ANALYSIS_BATCH = 32  # documents per pool task and per transaction when analysing
INDEX_BATCH = 500  # ... when only indexing (--no-analyze)


@dataclass
class IngestResult:
    run_id: int
    counts: Counter[str] = field(default_factory=Counter)  # new, edited, variant, updated, unchanged, ...
    analysed: int = 0
    rejects: list[Reject] = field(default_factory=list)
    unstored: list[str] = field(default_factory=list)  # "doc id: why" for analyses that could not be stored
    stats: ReadStats = field(default_factory=ReadStats)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "files": self.stats.files, "documents": self.documents,
                **dict(self.counts), "analysed": self.analysed, "rejected": len(self.rejects),
                "analyses not stored": len(self.unstored),
                "skipped": dict(self.stats.skipped), "seconds": round(self.seconds, 2)}


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | None = None,
    fmt: str | None = None,
    tz: str = "UTC",
    mapping: dict[str, str] | None = None,
    workers: int | None = None,
    analyse: bool = True,
    stages: list[str] | None = None,
    on_read: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    run_note: dict[str, Any] | None = None,
) -> IngestResult:
    """Ingest files, folders or feed URLs into the database at `db` (default: `database_url()`).

    `on_read(total)` is called once the inputs are read, `on_progress(n)` after each written batch;
    `run_note` is kept with the run's arguments (the collector names the channels it checked).
    Raises ConfigError for a bad format, zone or mapping before anything is written.
    """
    names = [str(p) for p in paths]
    started = time.perf_counter()
    store = Store(db)
    total, files, rejects, stats, fetched = survey(names, fmt, tz, mapping)
    version = analysis_version(stages)
    args = {"paths": names, "format": fmt, "tz": tz, "mapping": mapping, "analyse": analyse, "stages": stages,
            **(run_note or {})}
    with store.engine.begin() as conn:
        run_id = start_run(conn, args, __version__)
    result = IngestResult(run_id=run_id, rejects=rejects, stats=stats)
    try:
        with store.engine.begin() as conn:
            as_read = [str(Path(n)) for n in names if not fetches(n)]  # "./dir/" is read as "dir/..."
            replace_rejects(conn, sorted({*names, *as_read, *files}), rejects, run_id)
        if on_read:
            on_read(total)
        size = ANALYSIS_BATCH if analyse else INDEX_BATCH
        task = AnalyseTask(tuple(stages) if stages is not None else None, analyse)
        docs = stream(names, fmt, tz, mapping, fetched)
        planned = _planned(store, docs, size, run_id, analyse, version, result)
        # Indexing alone is cheaper in-process than shipping documents to cold workers.
        workers = workers or (default_workers() if analyse else 1)
        for batch, output in ordered_map(task, planned, workers):
            lemmas = {doc_id: lem for doc_id, lem, _ in output}
            analyses = {doc_id: data for doc_id, _, data in output if data is not None}
            result.analysed += _write(store, batch, lemmas, analyses, version, run_id, result)
            if on_progress:
                on_progress(sum(batch.counts.values()))
    except BaseException:
        _finish(store, result, "failed", started)
        raise
    _finish(store, result, "done", started)
    store.close()
    return result


def _write(store: Store, batch: Batch, lemmas: dict[str, str], analyses: dict[str, dict[str, Any]], version: str,
           run_id: int, result: IngestResult) -> int:
    """Write one batch in one transaction; the number of analyses stored.

    When the batch fails (an analysis the tables cannot take: a bug, never the user's data), its
    documents and search text are written without analyses, then each analysis on its own; one that
    fails again is named in `result.unstored` and the ingest goes on.
    """
    try:
        with store.engine.begin() as conn:
            write_batch(conn, batch, lemmas, analyses, version, run_id)
        return len(analyses)
    except (SQLAlchemyError, ValueError, TypeError, KeyError):
        if not analyses:
            raise
    with store.engine.begin() as conn:
        write_batch(conn, batch, lemmas, {}, version, run_id)
    stored = 0
    for doc_id, data in analyses.items():
        try:
            with store.engine.begin() as conn:
                write_analyses(conn, batch, [doc_id], {doc_id: data}, version, run_id)
            stored += 1
        except (SQLAlchemyError, ValueError, TypeError, KeyError) as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:300]
            result.unstored.append(f"{doc_id}: analysis not stored ({type(exc).__name__}: {reason})")
    return stored


def _finish(store: Store, result: IngestResult, status: str, started: float) -> None:
    result.seconds = time.perf_counter() - started
    with store.engine.begin() as conn:
        finish_run(conn, result.run_id, status, result.to_dict())


def fetches(path: str) -> bool:
    """Reading this fetches from the network (a feed URL, an OPML list of feeds): read it once."""
    return path.startswith(("http://", "https://")) or path.lower().endswith(".opml")


def survey(
    paths: list[str], fmt: str | None, tz: str, mapping: dict[str, str] | None
) -> tuple[int, set[str], list[Reject], ReadStats, dict[str, list[Document]]]:
    """First pass: how many documents, from which files, every reject; fetched documents kept."""
    stats = ReadStats()
    total, files, rejects = 0, set(), []
    fetched: dict[str, list[Document]] = {}
    for path in paths:
        for item in read(path, fmt, tz=tz, mapping=mapping, stats=stats):
            if isinstance(item, Reject):
                rejects.append(item)
                continue
            total += 1
            if item.meta.get("input_file"):
                files.add(str(item.meta["input_file"]))
            if fetches(path):
                fetched.setdefault(path, []).append(item)
    return total, files, rejects, stats, fetched


def stream(
    paths: list[str], fmt: str | None, tz: str, mapping: dict[str, str] | None, fetched: dict[str, list[Document]]
) -> Iterator[Document]:
    """Second pass: the documents only, read again from files, or as fetched by the first pass."""
    for path in paths:
        items = fetched.get(path, []) if fetches(path) else read(path, fmt, tz=tz, mapping=mapping)
        for item in items:
            if not isinstance(item, Reject):
                yield item


def _planned(
    store: Store, docs: Iterator[Document], size: int, run_id: int, analyse: bool, version: str,
    result: IngestResult,
) -> Iterator[tuple[Batch, list[Document]]]:
    """Plan batches lazily: each sees what the batches before it will write (`pending`)."""
    pending: dict[str, dict[str, Any]] = {}
    while chunk := list(islice(docs, size)):
        with store.engine.connect() as conn:
            stored = stored_rows(conn, [d.id for d in chunk])
        batch = plan_batch(chunk, stored, pending, run_id, version if analyse else None)
        result.counts.update(batch.counts)
        yield batch, [batch.docs[i] for i in batch.rows if i in batch.reindex]
        # Rows of batches already written are in the database; keep `pending` small.
        if len(pending) > 20 * size:
            for key in list(pending)[: 10 * size]:
                del pending[key]


@dataclass(frozen=True)
class AnalyseTask:
    """What a pool worker runs on one planned batch: lemmas for search, and the analysis."""

    stages: tuple[str, ...] | None
    analyse: bool

    def __call__(self, docs: list[Document]) -> list[tuple[str, str, dict[str, Any] | None]]:
        from sverka.api import analyze_docs
        from sverka.store.terms import index_text

        lemmas = [index_text(f"{d.meta.get('title') or ''}\n{d.text}") for d in docs]
        if not self.analyse or not docs:
            return [(d.id, lem, None) for d, lem in zip(docs, lemmas, strict=True)]
        analyses = analyze_docs(docs, stages=self.stages, batch_size=len(docs))
        return [(d.id, lem, a.to_dict()) for d, lem, a in zip(docs, lemmas, analyses, strict=True)]


def analysis_version(stages: list[str] | None) -> str:
    from sverka.pipeline import stage_names

    return f"{__version__}:{','.join(stages if stages is not None else stage_names())}"
