"""Full-text search by lemma and the document filters: one SELECT, the same on SQLite and PostgreSQL.

The query is turned into terms the way `search_text.lemmas` was (`terms.py`: word forms, lemmas,
lemmas of name readings); every query word must match one of its terms. SQLite matches through
FTS5, PostgreSQL through `to_tsvector('simple', ...)` and its GIN index. Names are matched in
Python-normalised form (SQLite's lower() is ASCII-only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice, product
from typing import Any

from sqlalchemy import Integer, and_, column, exists, false, func, literal_column, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from sverka.errors import ConfigError
from sverka.store import schema as t
from sverka.store import terms
from sverka.store.rows import norm_name, utc_naive
from sverka.store.terms import query_terms


def fulltext_clause(conn: Connection, wanted: list[frozenset[str]]) -> ColumnElement[bool]:
    """A search_text row matches every query word (one of its terms). Terms hold only word characters and '-'."""
    st = t.search_text
    if conn.dialect.name == "sqlite":
        match = " AND ".join("(" + " OR ".join(f'"{term}"' for term in sorted(terms)) + ")" for terms in wanted)
        fts = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :match").bindparams(match=match)
        return st.c.seq.in_(fts.columns(column("rowid", Integer)))
    query = " & ".join("(" + " | ".join(f"'{term}'" for term in sorted(terms)) + ")" for terms in wanted)
    tsquery = func.to_tsquery(literal_column("'simple'"), query)
    return func.to_tsvector(literal_column("'simple'"), st.c.lemmas).op("@@")(tsquery)


def channel_ids(conn: Connection, channel: str) -> list[str]:
    """Channels named `channel` (any case), or with that id, Telegram id or @username."""
    want = norm_name(channel.lstrip("@"))
    rows = conn.execute(select(t.channels.c.id, t.channels.c.name, t.channels.c.telegram_id)).all()
    return [r.id for r in rows if want in (norm_name(r.name), norm_name(r.id), (r.telegram_id or ""))]


def entity_forms(entity: str, limit: int = 8) -> list[str]:
    """The name as typed and its nominative readings ("Путина" → "путин", "Владимира Путина" →
    "владимир путин"); every combination of the words' name lemmas, at most `limit` forms."""
    readings = [sorted(terms.name_lemmas(w) or {norm_name(w)}) for _, _, w in terms.words(entity)]
    forms = [norm_name(entity.strip())] + [" ".join(c) for c in islice(product(*readings), limit)]
    return list(dict.fromkeys(f for f in forms if f))


def entity_clause(entity: str, document_id: ColumnElement[str]) -> ColumnElement[bool]:
    """The document has an entity with this canonical name or last name (any case of it), or this canonical id."""
    e = t.entities
    matches: list[ColumnElement[bool]] = [e.c.canon_id == entity]
    for form in entity_forms(entity):
        like = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        matches += [e.c.norm == form, e.c.norm.like("% " + like, escape="\\")]
    return exists().where(and_(e.c.document_id == document_id, or_(*matches)))


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


@dataclass
class Matching:
    """The ids of the matching documents, newest first (`ordered`), and the query's terms."""

    ids: Select
    ordered: Select
    wanted: list[frozenset[str]]


def matching(conn: Connection, q: str | None = None, channel: str | None = None, since: Any = None,
             until: Any = None, entity: str | None = None) -> Matching:
    """With a query, everything is answered from the narrow `search_text` rows; without, from `documents`."""
    wanted = query_terms(q) if q else []
    src = t.search_text if wanted else t.documents
    doc_id = src.c.document_id if wanted else src.c.id
    query = select(doc_id.label("id"))
    if q and not wanted:
        query = query.where(false())
    if wanted:
        query = query.where(fulltext_clause(conn, wanted))
    if channel:
        query = query.where(src.c.channel_id.in_(channel_ids(conn, channel)))
    if (lo := parse_when(since)) is not None:
        query = query.where(src.c.published >= lo)
    if (hi := parse_when(until, end=True)) is not None:
        query = query.where(src.c.published < hi if _is_date(until) else src.c.published <= hi)
    if entity:
        query = query.where(entity_clause(entity, doc_id))
    return Matching(query, query.order_by(src.c.published.desc().nulls_last(), doc_id), wanted)


def _is_date(value: Any) -> bool:
    return (isinstance(value, date) and not isinstance(value, datetime)) or (
        isinstance(value, str) and "T" not in value and " " not in value)
