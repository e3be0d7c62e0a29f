"""Claims across documents: filters (type, insider, sourcing, check-worthiness, channel, dates), sorting,
and corroboration status from issue 7's `claim_links` table when it exists.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, or_, select

from sverka.store import Store
from sverka.store import schema as t
from sverka.store.search import channel_ids, parse_when
from sverka.web.queries.sql import Page, decode_cursor, optional_table, page_of, plain

SORTS = ("checkworthiness", "published", "channel", "type", "sourcing", "speaker")
CORROBORATES = ("corroborates", "corroborate", "supports", "same")
CONTRADICTS = ("contradicts", "contradict")


@dataclass
class ClaimFilters:
    type: str | None = None
    insider: bool | None = None
    sourcing: str | None = None
    min_checkworthiness: float | None = None
    channel: str | None = None
    since: str | None = None
    until: str | None = None
    document: str | None = None
    sort: str = "checkworthiness"
    order: str = "desc"

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None and v != ""}


def claims(store: Store, f: ClaimFilters, limit: int = 50, cursor: str | None = None) -> Page:
    c, d, ch = t.claims, t.documents, t.channels
    offset = decode_cursor(cursor)
    columns = (c.c.id, c.c.document_id, c.c.idx, c.c.type, c.c.text, c.c.speaker, c.c.sourcing, c.c.insider,
               c.c.checkworthiness, c.c.start, c.c.end, d.c.published, ch.c.name.label("channel"))
    joined = select(*columns).join(d, d.c.id == c.c.document_id).outerjoin(ch, ch.c.id == d.c.channel_id)
    with store.engine.connect() as conn:
        if _claims_only(f):  # sort and count on the claims table alone, join the page's rows only
            ids = _where(conn, select(c.c.id, func.count().over().label("total")), f)  # one scan: page + total
            found = conn.execute(ids.order_by(*_order(f)[:1], c.c.id).limit(limit).offset(offset)).all()
            page = [r.id for r in found]
            total = found[0].total if found else conn.execute(
                select(func.count()).select_from(_where(conn, select(c.c.id), f).subquery())).scalar_one()
            by_id = {r["id"]: r for r in conn.execute(joined.where(c.c.id.in_(page))).mappings()}
            items = [plain(by_id[i]) for i in page if i in by_id]
        else:
            query = _where(conn, joined, f)
            total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            rows = conn.execute(query.order_by(*_order(f)).limit(limit).offset(offset)).mappings().all()
            items = [plain(r) for r in rows]
        _add_status(store, conn, items)
    return page_of(items, total, offset)


def _claims_only(f: ClaimFilters) -> bool:
    return not (f.channel or f.since or f.until) and f.sort not in ("published", "channel")


def _where(conn: Any, query: Any, f: ClaimFilters) -> Any:
    c, d = t.claims, t.documents
    if f.type:
        query = query.where(c.c.type == f.type)
    if f.insider is not None:
        query = query.where(c.c.insider.is_(f.insider))
    if f.sourcing:
        query = query.where(c.c.sourcing == f.sourcing)
    if f.min_checkworthiness is not None:
        query = query.where(c.c.checkworthiness >= f.min_checkworthiness)
    if f.channel:
        query = query.where(d.c.channel_id.in_(channel_ids(conn, f.channel)))
    if (lo := parse_when(f.since)) is not None:
        query = query.where(d.c.published >= lo)
    if (hi := parse_when(f.until, end=True)) is not None:
        query = query.where(d.c.published < hi)
    if f.document:
        query = query.where(c.c.document_id == f.document)
    return query


def _order(f: ClaimFilters) -> list[Any]:
    c, d, ch = t.claims, t.documents, t.channels
    column = {"checkworthiness": c.c.checkworthiness, "published": d.c.published, "channel": ch.c.name,
              "type": c.c.type, "sourcing": c.c.sourcing, "speaker": c.c.speaker}[f.sort]
    first = column.asc().nulls_last() if f.order == "asc" else column.desc().nulls_last()
    return [first, d.c.published.desc().nulls_last(), c.c.id]


def link_key(claim: dict[str, Any]) -> str:
    """How `claim_links` names a claim: "<document id>#<index>" (the claims table says "#c<index>")."""
    return f"{claim['document_id']}#{claim['idx']}"


def _add_status(store: Store, conn: Any, items: list[dict[str, Any]]) -> None:
    """corroborated / contradicted / unconfirmed counts and status, or None when claims are not linked yet."""
    links = optional_table(store.engine, "claim_links")
    for item in items:
        item["corroborated"] = item["contradicted"] = item["status"] = None
    if links is None or not items or not {"a", "b", "relation"} <= set(links.c.keys()):
        return
    by_key = {link_key(i): i for i in items}
    query = select(links.c.a, links.c.b, links.c.relation).where(
        or_(links.c.a.in_(list(by_key)), links.c.b.in_(list(by_key))))
    rows = conn.execute(independent_only(query, links)).all()
    for item in items:
        item["corroborated"] = item["contradicted"] = 0
    for a, b, relation in rows:
        field = relation_field(relation)
        for key in {a, b} & by_key.keys():
            if field:
                by_key[key][field] += 1
    for item in items:
        item["status"] = ("contradicted" if item["contradicted"] else
                          "corroborated" if item["corroborated"] else "unconfirmed")


def relation_field(relation: str) -> str | None:
    return "corroborated" if relation in CORROBORATES else "contradicted" if relation in CONTRADICTS else None


def independent_only(query: Any, links: Any) -> Any:
    """A forward or copy of the same post is not corroboration: keep links marked independent."""
    return query.where(links.c.independent.is_(True)) if "independent" in links.c else query


def claim_types(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(t.claims.c.type).where(t.claims.c.type.is_not(None)).distinct()
                                           .order_by(t.claims.c.type))]


def sourcings(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(t.claims.c.sourcing).where(t.claims.c.sourcing.is_not(None))
                                           .distinct().order_by(t.claims.c.sourcing))]
