"""One entity across documents: its key, aliases, mentions over time per channel, stance, co-mentions.

An entity is keyed by `TYPE:Name` (the per-document entity id of `Analysis`, e.g. `PER:Владимир Путин`):
stable across re-ingest, readable in a URL.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Text, and_, cast, func, select

from sverka.store import Store
from sverka.store import schema as t
from sverka.store.rows import norm_name
from sverka.store.snippets import snippet
from sverka.web.queries.sql import plain, time_prefix

CO_MENTIONED = 20
TYPES = ("PER", "ORG", "LOC")


def split_key(key: str) -> tuple[str, str] | None:
    kind, sep, name = key.partition(":")
    return (kind.upper(), name) if sep and name.strip() and kind.upper().isalpha() else None


def _match(kind: str, name: str) -> Any:
    e = t.entities
    return and_(e.c.norm == norm_name(name), e.c.name == name, e.c.type == kind)


def entity(store: Store, key: str) -> dict[str, Any] | None:
    """Name, type, aliases (with how often), roles, countries, documents and mentions; None when unknown."""
    parsed = split_key(key)
    if parsed is None:
        return None
    kind, name = parsed
    e = t.entities
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.c.aliases, e.c.roles, e.c.country, e.c.kind, e.c.mention_count)
                            .where(_match(kind, name))).all()
    if not rows:
        return None
    aliases: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for row in rows:
        aliases.update(a for a in row.aliases or [] if a != name)
        roles.update(row.roles or [])
    countries = Counter(r.country for r in rows if r.country)
    kinds = Counter(r.kind for r in rows if r.kind)
    return {
        "id": f"{kind}:{name}", "name": name, "type": kind,
        "country": countries.most_common(1)[0][0] if countries else None,
        "kind": kinds.most_common(1)[0][0] if kinds else None,
        "documents": len(rows), "mentions": sum(r.mention_count for r in rows),
        "aliases": [{"alias": a, "documents": n} for a, n in aliases.most_common()],
        "roles": [{"role": r, "documents": n} for r, n in roles.most_common()],
    }


def timeline(store: Store, key: str) -> dict[str, Any]:
    """Documents mentioning the entity per time bucket and channel (hours within 3 days, days, months)."""
    parsed = split_key(key)
    if parsed is None:
        return {"bucket": "day", "series": []}
    e, d, c = t.entities, t.search_text, t.channels  # the narrow index rows carry time and channel
    hour, channel = time_prefix(d.c.published, 13), func.coalesce(c.c.name, "(none)")
    with store.engine.connect() as conn:
        rows = conn.execute(select(channel, hour, func.count()).join(e, e.c.document_id == d.c.document_id)
                            .outerjoin(c, c.c.id == d.c.channel_id).where(_match(*parsed), d.c.published.is_not(None))
                            .group_by(channel, hour)).all()
    size = bucket_size([h for _, h, _ in rows])
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for name, when, n in rows:
        counts[name][cut(when, size)] += n
    series = [{"channel": ch, "points": [{"t": k, "documents": n} for k, n in sorted(pts.items())]}
              for ch, pts in sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))]
    return {"bucket": size, "series": series}


def bucket_size(hours: list[str]) -> str:
    """hour within 3 days, day within 180 days, else month; `hours` are 'YYYY-MM-DD HH' prefixes."""
    if not hours:
        return "day"
    days = (date.fromisoformat(max(hours)[:10]) - date.fromisoformat(min(hours)[:10])).days
    return "hour" if days <= 3 else "day" if days <= 180 else "month"


def cut(hour: str, size: str) -> str:
    """'YYYY-MM-DD HH' → 'YYYY-MM-DDTHH:00', 'YYYY-MM-DD' or 'YYYY-MM'."""
    if size == "hour":
        return f"{hour[:10]}T{hour[11:13]}:00"
    return hour[:10] if size == "day" else hour[:7]


def stance(store: Store, key: str) -> dict[str, Any]:
    """Stance towards the entity per time bucket and label, and per channel (from the stance stage)."""
    parsed = split_key(key)
    if parsed is None:
        return {"bucket": "day", "points": [], "channels": []}
    e, d, s, c = t.entities, t.search_text, t.sentiment, t.channels
    hour, label, channel = time_prefix(d.c.published, 13), func.coalesce(s.c.label, "?"), func.coalesce(c.c.name, "—")
    with store.engine.connect() as conn:
        rows = conn.execute(select(hour, channel, label, func.count())
                            .join(e, and_(e.c.document_id == s.c.document_id, e.c.entity_id == s.c.entity_id))
                            .join(d, d.c.document_id == s.c.document_id).outerjoin(c, c.c.id == d.c.channel_id)
                            .where(_match(*parsed), d.c.published.is_not(None))
                            .group_by(hour, channel, label)).all()
    size = bucket_size([h for h, _, _, _ in rows])
    counts: Counter[tuple[str, str]] = Counter()
    per_channel: dict[str, Counter[str]] = defaultdict(Counter)
    for when, name, lab, n in rows:
        counts[(cut(when, size), lab)] += n
        per_channel[name][lab] += n
    channels = [{"channel": name, **dict(labels), "total": sum(labels.values())}
                for name, labels in sorted(per_channel.items(), key=lambda kv: -sum(kv[1].values()))]
    points = [{"t": k, "label": lab, "documents": n} for (k, lab), n in sorted(counts.items())]
    return {"bucket": size, "points": points, "channels": channels}


def co_mentioned(store: Store, key: str, limit: int = CO_MENTIONED) -> list[dict[str, Any]]:
    """Entities that share documents with this one, most shared documents first."""
    parsed = split_key(key)
    if parsed is None:
        return []
    e = t.entities
    other = e.alias("other")
    docs = select(e.c.document_id).where(_match(*parsed))
    n = func.count(func.distinct(other.c.document_id))
    query = (select(other.c.name, other.c.type, n.label("documents")).where(other.c.document_id.in_(docs))
             .where(~and_(other.c.name == parsed[1], other.c.type == parsed[0]))
             .group_by(other.c.name, other.c.type).order_by(n.desc(), other.c.name).limit(limit))
    with store.engine.connect() as conn:
        return [{"id": f"{r.type}:{r.name}", "name": r.name, "type": r.type, "documents": r.documents}
                for r in conn.execute(query)]


def latest_documents(store: Store, key: str, limit: int = 10) -> list[dict[str, Any]]:
    """The entity's newest documents with a snippet (from its rows, not a scan of all documents)."""
    parsed = split_key(key)
    if parsed is None:
        return []
    e, d, c = t.entities, t.documents, t.channels
    query = (select(d.c.id, d.c.published, d.c.title, d.c.text, c.c.name.label("channel"))
             .join(e, e.c.document_id == d.c.id).outerjoin(c, c.c.id == d.c.channel_id).where(_match(*parsed))
             .order_by(d.c.published.desc().nulls_last(), d.c.id).limit(limit))
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    items = [plain(r) for r in rows]
    for item in items:
        item["snippet"] = snippet(item.pop("text"), [])[0]
    return items


def entity_list(store: Store, q: str | None, kind: str | None, limit: int, cursor: str | None) -> Any:
    """The store's entity page, each item with its key and its aliases (most documents first)."""
    page = store.entities(q, type=kind, limit=limit, cursor=cursor)
    for item in page.items:
        item["id"] = f"{item['type']}:{item['name']}"
        item["aliases"] = []
    if page.items:
        by_key: dict[tuple[str, str], Counter[str]] = {(i["name"], i["type"]): Counter() for i in page.items}
        e = t.entities
        aliases = cast(e.c.aliases, Text)  # JSON as text: PostgreSQL cannot group json values
        query = (select(e.c.name, e.c.type, aliases, func.count()).where(
                 e.c.norm.in_({norm_name(i["name"]) for i in page.items}))
                 .group_by(e.c.name, e.c.type, aliases))  # distinct alias lists: few rows per entity
        with store.engine.connect() as conn:
            for name, type_, listed, n in conn.execute(query):
                if (name, type_) in by_key:
                    by_key[name, type_].update({a: n for a in json.loads(listed or "[]") if a != name})
        for item in page.items:
            item["aliases"] = [a for a, _ in by_key[item["name"], item["type"]].most_common()]
    return page


__all__ = ["TYPES", "co_mentioned", "entity", "entity_list", "stance", "timeline"]
