"""Writing an ingest: decide what each incoming document changes, then write a batch in one transaction.

`plan_batch` compares incoming documents with what is stored (and with what earlier, not yet
committed batches of the same run will store) and returns a `Batch`; `write_batch` writes it,
with the search text and the analysis of the documents whose text changed, atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql.schema import Table

from sverka.doc import Document
from sverka.readers.base import Reject
from sverka.store import schema as t
from sverka.store.rows import PROVENANCE_KEYS, analysis_rows, channel_row, document_row, link_rows

WRITE_LOCK = 0x5E4CA  # the PostgreSQL advisory lock that serialises batch writes
# Columns kept from the stored row when a same-text document comes back with gaps.
FILLABLE = ("channel_id", "message_id", "published", "title", "url", "lang", "edited")


@dataclass
class Batch:
    """What one batch of incoming documents changes. Counts are per incoming document."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # document rows to insert or update
    docs: dict[str, Document] = field(default_factory=dict)  # their current text, for lemmas and analysis
    reindex: set[str] = field(default_factory=set)  # text changed (or never indexed): search text + analysis
    revisions: list[dict[str, Any]] = field(default_factory=list)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


def jsonable(value: Any) -> Any:
    """JSON columns take only JSON: anything else (a stray datetime) becomes its string."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def stored_rows(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored document rows for `ids`, each with `analysed_hash` (None when not analysed)."""
    ids = list(set(ids))
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        query = (
            select(t.documents, t.analyses.c.content_hash.label("analysed_hash"),
                   t.analyses.c.version.label("analysed_version"),
                   t.search_text.c.seq.label("indexed"))
            .outerjoin(t.analyses, t.analyses.c.document_id == t.documents.c.id)
            .outerjoin(t.search_text, t.search_text.c.document_id == t.documents.c.id)
            .where(t.documents.c.id.in_(chunk))
        )
        for row in conn.execute(query).mappings():
            found[row["id"]] = dict(row)
    return found


def plan_batch(
    docs: list[Document], stored: dict[str, dict[str, Any]], pending: dict[str, dict[str, Any]],
    run_id: int, version: str | None,
) -> Batch:
    """Fold the incoming documents into the stored state. `version` is the analysis this run makes
    (None: no analysis); a document analysed by another version is analysed again. `pending` (rows
    planned by earlier batches of this run, not yet committed) is read and updated."""
    batch = Batch()
    for doc in docs:
        doc.meta = jsonable(doc.meta)
        incoming = document_row(doc, run_id)
        old = pending.get(doc.id) or stored.get(doc.id)
        if (channel := channel_row(doc)) is not None:
            batch.channels.setdefault(channel["id"], channel)
        if old is None:
            _take(batch, pending, incoming, doc, old, version, reindex=True)
            batch.count("new")
        elif incoming["content_hash"] == old["content_hash"]:
            merged = merge_same_text(old, incoming)
            changed = any(merged[k] != old.get(k) for k in merged if k not in ("run_id", "updated_run_id"))
            stale = version is not None and (old.get("analysed_hash"), old.get("analysed_version")) != (
                old["content_hash"], version)
            unindexed = old.get("indexed") is None and doc.id not in batch.reindex
            if changed or stale or unindexed:
                _take(batch, pending, merged, _as_doc(doc, merged), old, version, reindex=stale or unindexed)
            batch.count("updated" if changed else "analysed_again" if stale or unindexed else "unchanged")
        elif is_newer(incoming["edited"], old.get("edited")):
            batch.revisions.append(revision_row(old, "previous", run_id))
            row = {**incoming, "run_id": old.get("run_id") or run_id}
            _take(batch, pending, row, doc, old, version, reindex=True)
            batch.count("edited")
        else:
            batch.revisions.append(revision_row(incoming, "variant", run_id))
            batch.count("variant")
    return batch


STATE_KEYS = ("analysed_hash", "analysed_version", "indexed")  # read with the stored row, not columns


def _take(batch: Batch, pending: dict, row: dict[str, Any], doc: Document, old: dict[str, Any] | None,
          version: str | None, reindex: bool) -> None:
    row = {k: v for k, v in row.items() if k not in STATE_KEYS}
    batch.rows[row["id"]] = row
    batch.docs[row["id"]] = doc
    if reindex:
        batch.reindex.add(row["id"])
    if reindex:  # re-indexed rows lose their analysis, and get this run's when it analyses
        state = (row["content_hash"], version) if version is not None else (None, None)
    else:
        state = (old or {}).get("analysed_hash"), (old or {}).get("analysed_version")
    pending.pop(row["id"], None)  # re-inserted last: the caller forgets the oldest entries first
    pending[row["id"]] = {**row, "analysed_hash": state[0], "analysed_version": state[1], "indexed": 1}


def merge_same_text(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Incoming metadata wins key by key; first-seen provenance and filled columns are kept."""
    meta = merge_meta(old["meta"], new["meta"])
    row = {k: v for k, v in old.items() if k not in STATE_KEYS}
    row["meta"] = meta
    for col in FILLABLE:
        if row.get(col) is None and new.get(col) is not None:
            row[col] = new[col]
    if old["time_ambiguous"] and not new["time_ambiguous"] and new["published"] is not None:
        row["published"], row["time_ambiguous"] = new["published"], False
    row["updated_run_id"] = new["updated_run_id"]
    return row


def merge_meta(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Key by key the incoming value wins, except: first-seen provenance stays; dicts (reactions)
    merge; links are the union, so a dump without formatting never loses an export's `text_link`."""
    meta = dict(old)
    for key, value in new.items():
        before = old.get(key)
        if key in PROVENANCE_KEYS and key in old:
            continue
        if key == "links" and isinstance(before, list) and isinstance(value, list):
            meta[key] = sorted(before + [lk for lk in value if lk not in before], key=_link_order)
        elif isinstance(before, dict) and isinstance(value, dict):
            meta[key] = {**before, **value}
        else:
            meta[key] = value
    return meta


def _link_order(link: Any) -> tuple[int, int]:
    return (link.get("start") or 0, link.get("end") or 0) if isinstance(link, dict) else (0, 0)


def _as_doc(doc: Document, row: dict[str, Any]) -> Document:
    return Document(id=doc.id, text=row["text"], published=row["published"], source=doc.source,
                    url=row["url"], lang=row["lang"], meta=row["meta"])


def is_newer(edited: str | None, than: str | None) -> bool:
    """An incoming text replaces the stored one only when it is known to be a later edit."""
    if not edited:
        return False
    if not than:
        return True
    try:
        return _utc(datetime.fromisoformat(edited)) > _utc(datetime.fromisoformat(than))
    except ValueError:
        return edited > than


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def revision_row(row: dict[str, Any], kind: str, run_id: int) -> dict[str, Any]:
    return {"document_id": row["id"], "content_hash": row["content_hash"], "kind": kind, "text": row["text"],
            "edited": row.get("edited"), "input_file": row.get("input_file"), "reader": row.get("reader"),
            "run_id": run_id}


def write_batch(
    conn: Connection, batch: Batch, lemmas: dict[str, str], analyses: dict[str, dict[str, Any]],
    version: str, run_id: int,
) -> None:
    """Write one planned batch; call inside a transaction so that all of it or none of it lands."""
    if conn.dialect.name == "postgresql":  # two ingests at once: their batches take turns (SQLite locks anyway)
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
    insert_ignore(conn, t.channels, list(batch.channels.values()))
    upsert(conn, t.documents, list(batch.rows.values()), ["id"])
    insert_ignore(conn, t.revisions, batch.revisions)
    ids = list(batch.rows)
    replace_rows(conn, t.links, ids, [r for i in ids for r in link_rows(batch.docs[i])])
    indexed = [i for i in ids if i in batch.reindex]
    write_search_index(conn, batch, indexed, lemmas)
    write_analyses(conn, batch, indexed, analyses, version, run_id)


def write_analyses(
    conn: Connection, batch: Batch, ids: list[str], analyses: dict[str, dict[str, Any]], version: str, run_id: int,
) -> None:
    """Replace the analysis rows of `ids` (documents of `batch`) with those in `analyses`, if any."""
    analysed = [i for i in ids if i in analyses]
    for table in (*t.ANALYSIS_TABLES, t.analyses):
        _delete_for(conn, table, ids)
    if analysed:
        conn.execute(t.analyses.insert(), [
            {"document_id": i, "version": version, "content_hash": batch.rows[i]["content_hash"],
             "data": jsonable(analyses[i]), "run_id": run_id} for i in analysed])
        by_table: dict[str, list[dict[str, Any]]] = {}
        for i in analysed:
            for name, rows in analysis_rows(i, jsonable(analyses[i])).items():
                by_table.setdefault(name, []).extend(rows)
        for table in t.ANALYSIS_TABLES:
            if by_table.get(table.name):
                conn.execute(table.insert(), by_table[table.name])


def write_search_index(conn: Connection, batch: Batch, indexed: list[str], lemmas: dict[str, str]) -> None:
    """Index rows for re-indexed documents; the others get their date and channel refreshed."""
    sqlite = conn.dialect.name == "sqlite"
    rows = [{"document_id": i, "lemmas": "" if sqlite else lemmas[i], "published": batch.rows[i]["published"],
             "channel_id": batch.rows[i]["channel_id"]} for i in indexed]
    replace_rows(conn, t.search_text, indexed, rows)  # on SQLite a trigger drops the old FTS rows
    if sqlite and indexed:
        seqs = conn.execute(select(t.search_text.c.document_id, t.search_text.c.seq)
                            .where(t.search_text.c.document_id.in_(indexed))).all()
        conn.execute(text("INSERT INTO search_fts(rowid, lemmas) VALUES (:seq, :lemmas)"),
                     [{"seq": seq, "lemmas": lemmas[doc_id]} for doc_id, seq in seqs])
    kept = [i for i in batch.rows if i not in batch.reindex]
    if kept:
        st = t.search_text
        conn.execute(update(st).where(st.c.document_id == bindparam("doc")).values(
            published=bindparam("published"), channel_id=bindparam("channel")),
            [{"doc": i, "published": batch.rows[i]["published"], "channel": batch.rows[i]["channel_id"]}
             for i in kept])


def replace_rows(conn: Connection, table: Table, ids: list[str], rows: list[dict[str, Any]]) -> None:
    _delete_for(conn, table, ids)
    if rows:
        conn.execute(table.insert(), rows)


def _delete_for(conn: Connection, table: Table, ids: list[str]) -> None:
    for i in range(0, len(ids), 500):
        conn.execute(delete(table).where(table.c.document_id.in_(ids[i : i + 500])))


def _insert(conn: Connection, table: Table) -> Any:  # the dialect's Insert, with on_conflict_*
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(_insert(conn, table).on_conflict_do_nothing(), rows)


def upsert(conn: Connection, table: Table, rows: list[dict[str, Any]], keys: list[str]) -> None:
    if not rows:
        return
    stmt = _insert(conn, table)
    # run_id is the run that first stored the document: an update never moves it.
    changing = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in (*keys, "run_id")}
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=changing), rows)


def replace_rejects(conn: Connection, inputs: list[str], rejects: list[Reject], run_id: int) -> None:
    """The rejects of what was read are those of this reading: the old ones of every input file (and
    of every file under an input folder) go, the new ones come."""
    paths = sorted({*inputs, *(r.path for r in rejects)})
    for path in paths:
        under = path.rstrip("/").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
        conn.execute(delete(t.rejects).where(or_(t.rejects.c.path == path, t.rejects.c.path.like(under, escape="\\"))))
    rows = {(r.path, r.position, r.reason): {"path": r.path, "position": r.position, "reason": r.reason,
                                              "raw": r.raw, "run_id": run_id} for r in rejects}
    insert_ignore(conn, t.rejects, list(rows.values()))


def start_run(conn: Connection, args: dict[str, Any], version: str) -> int:
    result = conn.execute(t.ingest_runs.insert().values(
        started=datetime.now(UTC).replace(tzinfo=None), status="running", args=jsonable(args), version=version))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def finish_run(conn: Connection, run_id: int, status: str, counts: dict[str, Any]) -> None:
    conn.execute(update(t.ingest_runs).where(t.ingest_runs.c.id == run_id).values(
        finished=datetime.now(UTC).replace(tzinfo=None), status=status, counts=jsonable(counts)))
