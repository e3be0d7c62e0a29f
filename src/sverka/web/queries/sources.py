"""Per channel: documents, date range, claims, insider and unsourced shares, track record when linked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from ...store import Store
from ...store import schema as t
from .sql import optional_table

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
        n = row.claims if row else 0
        ch["claims"] = n
        ch["insider_share"] = round(row.insider / n, 3) if n else None
        ch["unsourced_share"] = round(row.unsourced / n, 3) if n else None
        ch["track_record"] = record.get(ch["id"]) if record is not None else None
    return channels


def track_record(store: Store, conn: Any) -> dict[str, dict[str, int]] | None:
    """Claims per channel linked as corroborated / contradicted by others; None before `sverka link`."""
    links = optional_table(store.engine, "claim_links")
    if links is None or not {"a", "b", "relation"} <= set(links.c.keys()):
        return None
    from .claims import CONTRADICTS, CORROBORATES, independent_only

    c, d = t.claims, t.documents
    out: dict[str, dict[str, int]] = {}
    for side in (links.c.a, links.c.b):
        query = (select(d.c.channel_id, links.c.relation, func.count(func.distinct(c.c.id)))
                 .select_from(links).join(c, c.c.id == side).join(d, d.c.id == c.c.document_id)
                 .group_by(d.c.channel_id, links.c.relation))
        rows = conn.execute(independent_only(query, links)).all()
        for channel_id, relation, n in rows:
            key = "corroborated" if relation in CORROBORATES else "contradicted" if relation in CONTRADICTS else None
            if key:
                counts = out.setdefault(channel_id, {"corroborated": 0, "contradicted": 0})
                counts[key] += n
    return out
