"""Full-text search by lemma and the document filters: one SELECT, the same on SQLite and PostgreSQL.

The query text is lemmatised the way `search_text.lemmas` was (`sverka.nlp.morph.lemmatize`); every
query lemma must occur. SQLite matches through FTS5, PostgreSQL through `to_tsvector('simple', ...)`
and its GIN index. Names are matched in Python-normalised form (SQLite's lower() is ASCII-only).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, literal_column, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from ..errors import ConfigError
from ..nlp.morph import lemmatize
from . import schema as t
from .rows import norm_name, utc_naive


def query_lemmas(q: str | None) -> list[str]:
    return list(dict.fromkeys(lemmatize(q))) if q else []


def fulltext_clause(conn: Connection, lemmas: list[str]) -> ColumnElement[bool]:
    """documents.id matches every lemma."""
    st = t.search_text
    if conn.dialect.name == "sqlite":
        match = " ".join('"' + lem.replace('"', '""') + '"' for lem in lemmas)
        return text(
            "documents.id IN (SELECT s.document_id FROM search_text s WHERE s.seq IN "
            "(SELECT rowid FROM search_fts WHERE search_fts MATCH :match))"
        ).bindparams(match=match)
    tsquery = func.plainto_tsquery(literal_column("'simple'"), " ".join(lemmas))
    tsvector = func.to_tsvector(literal_column("'simple'"), st.c.lemmas)
    return t.documents.c.id.in_(select(st.c.document_id).where(tsvector.op("@@")(tsquery)))


def channel_ids(conn: Connection, channel: str) -> list[str]:
    """Channels named `channel` (any case), or with that id, Telegram id or @username."""
    want = norm_name(channel.lstrip("@"))
    rows = conn.execute(select(t.channels.c.id, t.channels.c.name, t.channels.c.telegram_id)).all()
    return [r.id for r in rows if want in (norm_name(r.name), norm_name(r.id), (r.telegram_id or ""))]


def entity_clause(entity: str) -> ColumnElement[bool]:
    """The document has an entity with this canonical name or last name, or this canonical id."""
    norm = norm_name(entity.strip())
    like = norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    e = t.entities
    return exists().where(and_(e.c.document_id == t.documents.c.id, or_(
        e.c.norm == norm, e.c.norm.like("% " + like, escape="\\"), e.c.canon_id == entity)))


def parse_when(value: str | date | datetime | None, end: bool = False) -> datetime | None:
    """A date or ISO time as stored (UTC, naive); a bare date as `until` means the end of that day."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value or " " in value \
                else date.fromisoformat(value)
        except ValueError as exc:
            raise ConfigError(f"{value!r} is not a date: use YYYY-MM-DD or an ISO time") from exc
    if isinstance(value, datetime):
        return utc_naive(value)
    day = datetime(value.year, value.month, value.day)
    return day + timedelta(days=1) if end else day


def filtered(conn: Connection, q: str | None = None, channel: str | None = None, since: Any = None,
             until: Any = None, entity: str | None = None) -> tuple[Select, list[str]]:
    """SELECT of document columns (+ channel name) matching every filter, and the query's lemmas."""
    d = t.documents
    query = select(d, t.channels.c.name.label("channel")).outerjoin(t.channels, t.channels.c.id == d.c.channel_id)
    lemmas = query_lemmas(q)
    if q and not lemmas:
        return query.where(False), []
    if lemmas:
        query = query.where(fulltext_clause(conn, lemmas))
    if channel:
        query = query.where(d.c.channel_id.in_(channel_ids(conn, channel)))
    if (lo := parse_when(since)) is not None:
        query = query.where(d.c.published >= lo)
    if (hi := parse_when(until, end=True)) is not None:
        query = query.where(d.c.published < hi if _is_date(until) else d.c.published <= hi)
    if entity:
        query = query.where(entity_clause(entity))
    return query, lemmas


def _is_date(value: Any) -> bool:
    return (isinstance(value, date) and not isinstance(value, datetime)) or (
        isinstance(value, str) and "T" not in value and " " not in value)
