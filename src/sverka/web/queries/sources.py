"""Per channel: documents, date range, claims, insider and unsourced shares, track record when linked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from sverka.store import Store
from sverka.store import schema as t
from sverka.web.queries.sql import optional_table

UNSOURCED = ("none",)


def sources(store: Store) -> list[dict[str, Any]]:
    c, d = t.claims, t.documents
    channels = store.channels()
    claims_q = (select(d.c.channel_id, func.count().label("claims"),
                       func.sum(case((c.c.insider.is_(True), 1), else_=0)).label("insider"),
                       func.sum(case((c.c.sourcing.in_(UNSOURCED), 1), else_=0)).label("unsourced"))
                .join(d, d.c.id == c.c.document_id).group_by(d.c.channel_id))
    with store.engine.connect() as conn:
        counts = {r.channel_id: r for r in conn.execute(claims_q)}
        record = track_record(store, conn)
    for ch in channels:
        row = counts.get(ch["id"])
        n = row.claims if row is not None else 0
        ch["claims"] = n
        ch["insider_share"] = round(row.insider / n, 3) if row is not None and n else None
        ch["unsourced_share"] = round(row.unsourced / n, 3) if row is not None and n else None
        empty = {"corroborated": 0, "contradicted": 0}
        ch["track_record"] = record.get(ch["id"], empty) if record is not None and n else None
    return channels


def track_record(store: Store, conn: Any) -> dict[str, dict[str, int]] | None:
    """Per channel: its claims that independent channels corroborate / contradict; None before `sverka link`.

    Links name claims "<document id>#<index>": the document's channel is looked up in chunks.
    """
    links = optional_table(store.engine, "claim_links")
    if links is None or not {"a", "b", "relation"} <= set(links.c.keys()):
        return None
    from sverka.web.queries.claims import independent_only, relation_field

    marked: dict[str, set[str]] = {"corroborated": set(), "contradicted": set()}
    for a, b, relation in conn.execute(independent_only(select(links.c.a, links.c.b, links.c.relation), links)):
        field = relation_field(relation)
        if field:
            marked[field].update((a, b))
    docs = {key.rsplit("#", 1)[0] for keys in marked.values() for key in keys}
    channel = _channels_of(conn, sorted(docs))
    out: dict[str, dict[str, int]] = {}
    for field, keys in marked.items():
        for key in keys:
            ch = channel.get(key.rsplit("#", 1)[0])
            if ch:
                out.setdefault(ch, {"corroborated": 0, "contradicted": 0})[field] += 1
    return out


def _channels_of(conn: Any, doc_ids: list[str], chunk: int = 900) -> dict[str, str]:
    d = t.documents
    out: dict[str, str] = {}
    for i in range(0, len(doc_ids), chunk):
        rows = conn.execute(select(d.c.id, d.c.channel_id).where(d.c.id.in_(doc_ids[i:i + chunk])))
        out.update({r.id: r.channel_id for r in rows if r.channel_id})
    return out
