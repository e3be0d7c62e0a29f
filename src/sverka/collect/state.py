"""What is already collected: the last stored message id of a channel, and when it was collected.

The database is the record. Each collect run names the channels it checked, with the last message
id it received, in its ingest run's arguments (`collected`): that gives the last time each channel
was checked, and the id to go on after, even when the newest posts had no text to store (a photo).
A run that did not finish counts only through what it stored: the largest `documents.message_id`
of the channel (indexed), so a collection stopped half-way resumes from there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import desc, func, select
from sqlalchemy.engine import Engine

from sverka.store import schema as t

RUNS_SCANNED = 5000  # the newest ingest runs read for last-collected times (a watch writes one per round)


def last_message_id(engine: Engine, channel_key: str) -> int | None:
    """The id to collect `tg:<channel_key>` after: the newest stored or finished-collected one, or None."""
    with engine.connect() as conn:
        value = conn.execute(
            select(func.max(t.documents.c.message_id)).where(t.documents.c.channel_id == f"tg:{channel_key}")
        ).scalar()
    noted = last_collected(engine, done_only=True).get(f"tg:{channel_key}", {}).get("last_message_id")
    ids = [int(v) for v in (value, noted) if isinstance(v, int) and not isinstance(v, bool)]
    return max(ids) if ids else None


def last_collected(engine: Engine, done_only: bool = False) -> dict[str, dict[str, Any]]:
    """Per channel id (`tg:…`): when it was last collected, its name, last message id and the run."""
    out: dict[str, dict[str, Any]] = {}
    query = select(t.ingest_runs.c.id, t.ingest_runs.c.started, t.ingest_runs.c.args).order_by(
        desc(t.ingest_runs.c.id)).limit(RUNS_SCANNED)
    if done_only:
        query = query.where(t.ingest_runs.c.status == "done")
    with engine.connect() as conn:
        for run_id, started, args in conn.execute(query):
            for entry in (args or {}).get("collected") or []:
                if isinstance(entry, dict) and entry.get("channel_id") and entry["channel_id"] not in out:
                    out[entry["channel_id"]] = {"collected": _time(started), "name": entry.get("name"),
                                                "last_message_id": entry.get("last_message_id"), "run": run_id}
    return out


def _time(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else None
