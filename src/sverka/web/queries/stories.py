"""Stories from issue 7's `stories` / `story_documents` tables; an empty answer until `sverka link` made them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, literal, select

from sverka.store import Store
from sverka.store import schema as t
from sverka.web.queries.sql import Page, decode_cursor, optional_table, page_of, plain


def linked(store: Store) -> bool:
    """`sverka link` has run: its tables exist and it saved its state (or, lacking a state table, stories)."""
    if optional_table(store.engine, "stories") is None or optional_table(store.engine, "story_documents") is None:
        return False
    marker = optional_table(store.engine, "link_state")
    marker = marker if marker is not None else optional_table(store.engine, "stories")
    assert marker is not None
    with store.engine.connect() as conn:
        return conn.execute(select(literal(1)).select_from(marker).limit(1)).first() is not None


def stories(store: Store, limit: int = 50, cursor: str | None = None, min_size: int = 2) -> Page:
    """Stories of at least `min_size` posts, newest first."""
    if not linked(store):
        return Page([], 0, None)
    s, m = optional_table(store.engine, "stories"), optional_table(store.engine, "story_documents")
    assert s is not None and m is not None
    offset = decode_cursor(cursor)
    size: Any
    if "size" in s.c:  # stored by `sverka link`
        size, query = s.c.size, select(s)
    else:
        size = func.count(m.c.document_id)
        query = select(s, size.label("size")).outerjoin(m, m.c.story_id == s.c.id).group_by(*s.c)
    order = [s.c.start.desc().nulls_last()] if "start" in s.c else []
    if min_size > 1:
        query = query.where(size >= min_size) if "size" in s.c else query.having(size >= min_size)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = conn.execute(query.order_by(*order, size.desc(), s.c.id).limit(limit).offset(offset)).mappings()
        items = [plain(r) for r in rows]
        channels = _channel_counts(conn, m, [i["id"] for i in items])
    for item in items:
        item["channels"] = channels.get(item["id"], 0)
    return page_of(items, total, offset)


def _channel_counts(conn: Any, members: Any, ids: list[Any]) -> dict[Any, int]:
    d = t.documents
    rows = conn.execute(select(members.c.story_id, func.count(func.distinct(d.c.channel_id)))
                        .join(d, d.c.id == members.c.document_id).where(members.c.story_id.in_(ids))
                        .group_by(members.c.story_id))
    return dict(rows.all())


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story, its posts in time order (channel, time, snippet) and its first publication."""
    if not linked(store):
        return None
    s, m = optional_table(store.engine, "stories"), optional_table(store.engine, "story_documents")
    assert s is not None and m is not None
    d, ch = t.documents, t.channels
    key: Any = int(story_id) if _int_ids(s) and story_id.isdigit() else story_id
    with store.engine.connect() as conn:
        row = conn.execute(select(s).where(s.c.id == key)).mappings().first()
        if row is None:
            return None
        posts = conn.execute(select(d.c.id, d.c.published, d.c.text, ch.c.name.label("channel"))
                             .join(m, m.c.document_id == d.c.id).outerjoin(ch, ch.c.id == d.c.channel_id)
                             .where(m.c.story_id == key).order_by(d.c.published.asc().nulls_last(), d.c.id)).mappings()
        documents = [{**plain(p), "text": p["text"][:300]} for p in posts]
        _mark_copies(store, conn, documents)
    out = plain(row)
    out["documents"] = documents
    out["first"] = documents[0] if documents else None
    out["channels"] = sorted({p["channel"] for p in documents if p["channel"]})
    return out


def _mark_copies(store: Store, conn: Any, documents: list[dict[str, Any]]) -> None:
    """`copy_of` on each post that duplicates an earlier post of the story: who copied whom."""
    dup = optional_table(store.engine, "duplicates")
    by_id = {d["id"]: d for d in documents}
    for doc in documents:
        doc["copy_of"] = None
    if dup is None or not {"a", "b"} <= set(dup.c.keys()) or not by_id:
        return
    kind = dup.c.kind if "kind" in dup.c else literal(None)
    rows = conn.execute(select(dup.c.a, dup.c.b, kind.label("kind")).where(dup.c.b.in_(list(by_id)))).all()
    for a, b, how in rows:
        if a in by_id and by_id[b]["copy_of"] is None:
            by_id[b]["copy_of"] = {"id": a, "channel": by_id[a]["channel"], "kind": how}


def _int_ids(table: Any) -> bool:
    try:
        return table.c.id.type.python_type is int
    except NotImplementedError:
        return False
