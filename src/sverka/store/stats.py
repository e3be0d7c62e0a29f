"""`sverka stats`: what is in the database, as one JSON-ready dict."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sverka.store import schema as t


def stats(conn: Connection) -> dict[str, Any]:
    d, c = t.documents, t.channels
    first, last = conn.execute(select(func.min(d.c.published), func.max(d.c.published))).one()
    per_channel = conn.execute(
        select(func.coalesce(c.c.name, "(none)"), func.count(d.c.id))
        .select_from(d).outerjoin(c, c.c.id == d.c.channel_id).group_by(c.c.name).order_by(func.count(d.c.id).desc())
    ).all()
    runs = t.ingest_runs
    last_run = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(1)).mappings().first()
    return {
        "documents": _count(conn, d),
        "rejects": _count(conn, t.rejects),
        "channels": {name: n for name, n in per_channel},
        "date_range": {"first": _iso(first), "last": _iso(last)},
        "time_ambiguous": conn.execute(select(func.count()).where(d.c.time_ambiguous.is_(True))).scalar_one(),
        "revisions": _count(conn, t.revisions),
        "analysed": _count(conn, t.analyses),
        "entities": _count(conn, t.entities),
        "mentions": _count(conn, t.mentions),
        "times": _count(conn, t.times),
        "claims": _count(conn, t.claims),
        "links": _count(conn, t.links),
        "ingest_runs": _count(conn, runs),
        "last_run": None if last_run is None else {
            "id": last_run["id"], "status": last_run["status"], "started": _iso(last_run["started"]),
            "finished": _iso(last_run["finished"]), "counts": last_run["counts"]},
    }


def _count(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat() + "+00:00"
