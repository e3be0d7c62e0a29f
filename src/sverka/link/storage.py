"""The linker over the database: read new documents (with their analyses), save state and results.

`link_store(store)` loads the pickled `Linker` from `link_state`, adds every document it has not seen
(in time order, in batches), and rewrites the result tables (`duplicates`, `stories`,
`story_documents`, `claim_links`, `entity_merges`, `entities.canon_id`) from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from sverka.doc import Analysis, Document
from sverka.link.linker import Linker
from sverka.store import link_tables as lt
from sverka.store import schema as t

BATCH = 500


def load_linker(engine: Engine) -> Linker | None:
    with engine.connect() as conn:
        row = conn.execute(select(lt.link_state.c.data).where(lt.link_state.c.id == 1)).first()
    return Linker.loads(row.data) if row else None


def documents(engine: Engine, skip: set[str] | dict[str, Any]) -> Iterator[Document | Analysis]:
    """Stored documents not in `skip`, oldest first, as Analyses when they were analysed."""
    query = (
        select(t.documents.c.id, t.documents.c.text, t.documents.c.published, t.documents.c.url,
               t.documents.c.meta, t.channels.c.name.label("channel"), t.analyses.c.data)
        .select_from(t.documents.outerjoin(t.channels, t.documents.c.channel_id == t.channels.c.id)
                     .outerjoin(t.analyses, t.analyses.c.document_id == t.documents.c.id))
        .order_by(t.documents.c.published, t.documents.c.id)
    )  # fmt: skip
    with engine.connect() as conn:
        for row in conn.execution_options(stream_results=True).execute(query):
            if row.id in skip:
                continue
            published = row.published.replace(tzinfo=UTC) if row.published else None
            if row.data:
                analysis = Analysis.from_dict({**row.data, "id": row.id, "text": row.text})
                analysis.published, analysis.source = published, row.channel
                yield analysis
            else:
                yield Document(row.id, row.text, published, row.channel, row.url, meta=dict(row.meta or {}))


def link_store(
    engine: Engine,
    rebuild: bool = False,
    aliases: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Linker, int]:
    """Link the documents the stored state has not seen; returns the linker and how many were added."""
    linker = None if rebuild else load_linker(engine)
    linker = linker or Linker()
    if aliases:
        linker.registry.load_aliases(aliases)
    added, batch = 0, []
    for item in documents(engine, linker.docs):
        batch.append(item)
        if len(batch) >= BATCH:
            added += _add(linker, batch, progress)
            batch = []
    if batch:
        added += _add(linker, batch, progress)
    save(engine, linker)
    return linker, added


def _add(linker: Linker, batch: list[Document | Analysis], progress: Callable[[int], None] | None) -> int:
    linker.add(batch)
    if progress:
        progress(len(batch))
    return len(batch)


def save(engine: Engine, linker: Linker) -> None:
    """Store the state and rewrite the result tables, in one transaction."""
    with engine.begin() as conn:
        conn.execute(delete(lt.link_state))
        conn.execute(insert(lt.link_state).values(id=1, data=linker.dumps(), documents=len(linker.docs),
                                                  updated=datetime.now(UTC).replace(tzinfo=None)))  # fmt: skip
        for table in (lt.duplicates, lt.stories, lt.story_documents, lt.claim_links, lt.entity_merges):
            conn.execute(delete(table))
        _insert(conn, lt.duplicates, [dict(a=p.a, b=p.b, kind=p.kind, score=p.score) for p in linker.dedup.pairs])
        stories, members = [], []
        for story in linker.stories.clusters():
            first = min(story.docs, key=lambda d: (_naive(linker.docs[d].published) or datetime.min, d))
            stories.append(dict(id=story.id, title=story.title, start=_naive(story.start), end=_naive(story.end),
                                size=story.size, first_document=first))  # fmt: skip
            members += [dict(story_id=story.id, document_id=d) for d in story.docs]
        _insert(conn, lt.stories, stories)
        _insert(conn, lt.story_documents, members)
        links = {(x.a, x.b): x for x in linker.claim_links}
        _insert(conn, lt.claim_links, [dict(a=x.a, b=x.b, relation=x.relation, independent=x.independent,
                                             score=x.score, reason=x.reason) for x in links.values()])  # fmt: skip
        _insert(conn, lt.entity_merges, [dict(id=o.id, op=o.op, a=o.a, b=o.b, reason=o.reason, source=o.source,
                                              undone=o.undone) for o in linker.registry.log])  # fmt: skip
        for entity_id in linker.registry.names:
            canon = linker.registry.canonical(entity_id)
            conn.execute(update(t.entities).where(t.entities.c.entity_id == entity_id).values(canon_id=canon))


def _insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), 5000):
        conn.execute(insert(table), rows[i : i + 5000])


def _naive(when: datetime | None) -> datetime | None:
    return when.astimezone(UTC).replace(tzinfo=None) if when else None
