"""`Store`: the narrow read interface over the database that the CLI, REST API and web pages call."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine, RowMapping
from sqlalchemy.exc import SQLAlchemyError

from sverka.config import database_url
from sverka.errors import StoreError
from sverka.store import schema as t
from sverka.store.engine import open_engine
from sverka.store.migrate import upgrade
from sverka.store.search import matching
from sverka.store.snippets import snippet
from sverka.store.stats import stats as collect_stats


@dataclass
class Page:
    """One page of results: `{"items": [...], "total": N, "next": cursor|null}`."""

    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    next: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "next": self.next}

    def to_pandas(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.items)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class Store:
    """A sverka database, migrated to the latest schema on open.

    >>> store = Store("sqlite:///sverka.db")
    >>> store.documents(q="Путина", channel="РИА Новости", since="2024-11-26").total
    """

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = database_url(url)
        self.engine: Engine = open_engine(self.url)
        if migrate:
            try:
                upgrade(self.engine)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot open or migrate {self.engine.url!r}: {exc}") from exc

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def documents(
        self, q: str | None = None, *, channel: str | None = None, since: Any = None, until: Any = None,
        entity: str | None = None, limit: int = 50, cursor: str | None = None,
    ) -> Page:
        """Documents matching every filter, newest first, with highlighted snippets."""
        offset = decode_cursor(cursor)
        d = t.documents
        with self.engine.connect() as conn:
            found = matching(conn, q, channel, since, until, entity)
            total = conn.execute(select(func.count()).select_from(found.ids.subquery())).scalar_one()
            ids = conn.execute(found.ordered.limit(limit).offset(offset)).scalars().all()
            query = select(d, t.channels.c.name.label("channel")).outerjoin(
                t.channels, t.channels.c.id == d.c.channel_id).where(d.c.id.in_(ids))
            by_id = {r["id"]: r for r in conn.execute(query).mappings()}
        items = [document_item(by_id[i], found.wanted) for i in ids if i in by_id]
        more = offset + len(ids) < total
        return Page(items, total, encode_cursor(offset + len(ids)) if more and ids else None)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its analysis (the JSON contract), revisions and links."""
        d = t.documents
        with self.engine.connect() as conn:
            query = select(d, t.channels.c.name.label("channel")).outerjoin(
                t.channels, t.channels.c.id == d.c.channel_id).where(d.c.id == doc_id)
            row = conn.execute(query).mappings().first()
            if row is None:
                return None
            item = document_item(row, [])
            analysis = conn.execute(select(t.analyses).where(t.analyses.c.document_id == doc_id)).mappings().first()
            item["analysis"] = analysis["data"] if analysis else None
            item["analysis_version"] = analysis["version"] if analysis else None
            item["revisions"] = [_plain(r) for r in conn.execute(
                select(t.revisions).where(t.revisions.c.document_id == doc_id)).mappings()]
            item["links"] = [_plain(r) for r in conn.execute(
                select(t.links).where(t.links.c.document_id == doc_id).order_by(t.links.c.idx)).mappings()]
        return item

    def entities(
        self, q: str | None = None, *, type: str | None = None, limit: int = 50, cursor: str | None = None
    ) -> Page:
        """Entities grouped by (name, type) over all documents, most documents first."""
        from sverka.store.rows import norm_name

        e = t.entities
        offset = decode_cursor(cursor)
        query = select(e.c.name, e.c.type, func.max(e.c.country).label("country"),
                       func.count(func.distinct(e.c.document_id)).label("documents"),
                       func.sum(e.c.mention_count).label("mentions")).group_by(e.c.name, e.c.type)
        if q:
            like = norm_name(q).replace("%", "\\%").replace("_", "\\_")
            query = query.where(e.c.norm.like(f"%{like}%", escape="\\"))
        if type:
            query = query.where(e.c.type == type.upper())
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            rows = conn.execute(query.order_by(func.count(func.distinct(e.c.document_id)).desc(), e.c.name)
                                .limit(limit).offset(offset)).mappings().all()
        items = [{**_plain(r), "mentions": int(r["mentions"] or 0)} for r in rows]
        more = offset + len(items) < total
        return Page(items, total, encode_cursor(offset + len(items)) if more and items else None)

    def entity_documents(self, name: str, *, limit: int = 50, cursor: str | None = None) -> Page:
        return self.documents(entity=name, limit=limit, cursor=cursor)

    def channels(self) -> list[dict[str, Any]]:
        d, c = t.documents, t.channels
        query = (select(c.c.id, c.c.name, c.c.telegram_id, func.count(d.c.id).label("documents"),
                        func.min(d.c.published).label("first"), func.max(d.c.published).label("last"))
                 .outerjoin(d, d.c.channel_id == c.c.id).group_by(c.c.id, c.c.name, c.c.telegram_id)
                 .order_by(func.count(d.c.id).desc(), c.c.name))
        with self.engine.connect() as conn:
            return [_plain(r) for r in conn.execute(query).mappings()]

    def rejects(self, limit: int = 100, cursor: str | None = None) -> Page:
        r = t.rejects
        offset = decode_cursor(cursor)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(r)).scalar_one()
            rows = conn.execute(select(r).order_by(r.c.path, r.c.position).limit(limit).offset(offset)).mappings()
            items = [_plain(row) for row in rows]
        more = offset + len(items) < total
        return Page(items, total, encode_cursor(offset + len(items)) if more and items else None)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        r = t.ingest_runs
        with self.engine.connect() as conn:
            return [_plain(row) for row in conn.execute(select(r).order_by(r.c.id.desc()).limit(limit)).mappings()]

    def stats(self) -> dict[str, Any]:
        """What is in the database; the same dict as `sverka stats --format json`."""
        with self.engine.connect() as conn:
            return collect_stats(conn)


def document_item(row: RowMapping, wanted: list[frozenset[str]]) -> dict[str, Any]:
    item = _plain(row)
    item["snippet"], item["highlights"] = snippet(row["text"], wanted)
    return item


def _plain(row: RowMapping) -> dict[str, Any]:
    return {k: iso(v) if isinstance(v, datetime) else v for k, v in row.items()}


def iso(when: datetime) -> str:
    """Stored times are UTC: say so."""
    return when.isoformat() + "+00:00" if when.tzinfo is None else when.isoformat()


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().partition(":")
        if kind == "o" and value.isdigit():
            return int(value)
    except (ValueError, UnicodeDecodeError):
        pass
    raise StoreError(f"invalid cursor {cursor!r}: pass the 'next' value of the previous page")
