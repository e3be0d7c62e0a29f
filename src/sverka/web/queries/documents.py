"""Document search with the web's extra filters (entity type, claim type) and search facets."""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from sverka.store import Store
from sverka.store import schema as t
from sverka.store.search import matching
from sverka.store.store import document_item
from sverka.web.queries.sql import Page, decode_cursor, optional_table, page_of, time_prefix

FACET_SIZE = 12  # values shown per facet


@dataclass
class Filters:
    """The query string of /api/documents and /search."""

    q: str | None = None
    channel: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    entity_type: str | None = None
    claim_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v}


def search(store: Store, f: Filters, limit: int = 20, cursor: str | None = None) -> Page:
    """Newest first with highlighted snippets; the store's own search when no web-only filter is set."""
    if not (f.entity_type or f.claim_type):
        return store.documents(f.q, channel=f.channel, since=f.since, until=f.until, entity=f.entity,
                               limit=limit, cursor=cursor)
    offset = decode_cursor(cursor)
    d = t.documents
    with store.engine.connect() as conn:
        ids, wanted = _ids(conn, f)
        total = conn.execute(select(func.count()).select_from(ids)).scalar_one()
        page = (select(d, t.channels.c.name.label("channel")).join(ids, ids.c.id == d.c.id)
                .outerjoin(t.channels, t.channels.c.id == d.c.channel_id)
                .order_by(d.c.published.desc().nulls_last(), d.c.id).limit(limit).offset(offset))
        rows = conn.execute(page).mappings().all()
    return page_of([document_item(r, wanted) for r in rows], total, offset)


def _ids(conn: Any, f: Filters) -> tuple[Any, list[frozenset[str]]]:
    """The ids of the documents matching every filter (the store's search plus the web's), as a subquery."""
    found = matching(conn, f.q, f.channel, f.since, f.until, f.entity)
    query = found.ids
    sub = query.subquery()
    outer = select(sub.c.id)
    # IN (one pass over the analysis rows) beats EXISTS per matching document when many documents match
    if f.entity_type:
        e = t.entities
        outer = outer.where(sub.c.id.in_(select(e.c.document_id).where(e.c.type == f.entity_type.upper())))
    if f.claim_type:
        c = t.claims
        outer = outer.where(sub.c.id.in_(select(c.c.document_id).where(c.c.type == f.claim_type)))
    return outer.subquery(), found.wanted


def facets(store: Store, f: Filters) -> dict[str, list[dict[str, Any]]]:
    """Counts of the matching documents per channel, per day (per month over long spans), entity and claim type.

    Channel and day come from the narrow `search_text` rows, grouped in SQL; months are summed here.
    """
    st, e, ch = t.search_text, t.entities, t.channels
    day = time_prefix(st.c.published, 10)
    with store.engine.connect() as conn:
        found, _ = _ids(conn, f)
        groups = conn.execute(select(st.c.channel_id, day, func.count()).join(found, found.c.id == st.c.document_id)
                              .group_by(st.c.channel_id, day)).all()
        names = dict(conn.execute(select(ch.c.id, ch.c.name)).all())
        types = conn.execute(
            select(e.c.type, func.count(func.distinct(e.c.document_id))).select_from(found)
            .join(e, e.c.document_id == found.c.id).group_by(e.c.type).order_by(e.c.type)).all()
        c = t.claims
        claim_types = conn.execute(
            select(c.c.type, func.count(func.distinct(c.c.document_id))).select_from(found)
            .join(c, c.c.document_id == found.c.id).where(c.c.type.is_not(None)).group_by(c.c.type)
            .order_by(c.c.type)).all()
    channels: Counter[str] = Counter()
    days: Counter[str] = Counter()
    for channel_id, when, n in groups:
        if channel_id in names:
            channels[names[channel_id]] += n
        if when:
            days[when] += n
    size = "month" if days and (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days > 62 else "day"
    if size == "month":
        days = Counter({m: sum(n for d, n in days.items() if d[:7] == m) for m in {d[:7] for d in days}})
    return {
        "channel": [{"value": name, "count": n} for name, n in channels.most_common(FACET_SIZE)],
        "date": [{"value": v, "count": days[v], **day_range(v, size)} for v in sorted(days, reverse=True)[:FACET_SIZE]],
        "entity_type": [{"value": value, "count": n} for value, n in types],
        "claim_type": [{"value": value, "count": n} for value, n in claim_types],
    }


def day_range(value: str, size: str) -> dict[str, str]:
    """The since/until filter values that select one facet bucket."""
    if size == "day":
        return {"since": value, "until": value}
    year, month = int(value[:4]), int(value[5:7])
    last = calendar.monthrange(year, month)[1]
    return {"since": f"{value}-01", "until": f"{value}-{last:02d}"}


def detail(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One document with its analysis (the store's JSON) and what links it to others."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    doc["related"] = related(store, doc)
    return doc


def related(store: Store, doc: dict[str, Any]) -> dict[str, Any]:
    """Reply target in the store, forward source channel, copies and duplicates, stories (when linked)."""
    d = t.documents
    out: dict[str, Any] = {"reply_to": None, "forward_of": None, "duplicates": [], "stories": []}
    with store.engine.connect() as conn:
        for link in doc["links"]:
            if link["kind"] == "reply_to" and doc.get("channel_id"):
                target = f"{doc['channel_id']}:{link['target']}"
                if conn.execute(select(d.c.id).where(d.c.id == target)).first():
                    out["reply_to"] = target
            elif link["kind"] == "forward_of":
                out["forward_of"] = link["target"]
        out["duplicates"] = _duplicates(store, conn, doc["id"])
        out["stories"] = _stories(store, conn, doc["id"])
    return out


def _duplicates(store: Store, conn: Any, doc_id: str) -> list[dict[str, Any]]:
    dup = optional_table(store.engine, "duplicates")
    if dup is None or not {"a", "b"} <= set(dup.c.keys()):
        return []
    kind = dup.c.kind if "kind" in dup.c else None
    rows = conn.execute(select(dup.c.a, dup.c.b, *([kind] if kind is not None else []))
                        .where((dup.c.a == doc_id) | (dup.c.b == doc_id)).limit(50)).mappings()
    return [{"id": r["b"] if r["a"] == doc_id else r["a"], "kind": r.get("kind")} for r in rows]


def _stories(store: Store, conn: Any, doc_id: str) -> list[dict[str, Any]]:
    members = optional_table(store.engine, "story_documents")
    stories = optional_table(store.engine, "stories")
    if members is None or stories is None:
        return []
    rows = conn.execute(select(stories.c.id, stories.c.title).join(members, members.c.story_id == stories.c.id)
                        .where(members.c.document_id == doc_id)).mappings()
    return [dict(r) for r in rows]
