"""Convert at the edge: a reader's Document and an Analysis JSON into table rows (`adapt_*`)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sverka.doc import Document

# What the stored text of a document is keyed on: edits change it, metadata does not.
PROVENANCE_KEYS = ("input_file", "position", "reader")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def channel_key(doc: Document) -> str | None:
    """`tg:<id>` when the reader knows the Telegram channel id, else `name:<source>`, else None."""
    channel_id = doc.meta.get("channel_id")
    if channel_id not in (None, ""):
        return f"tg:{channel_id}"
    name = doc.meta.get("channel") or doc.source
    return f"name:{name}" if name else None


def channel_row(doc: Document) -> dict[str, Any] | None:
    key = channel_key(doc)
    if key is None:
        return None
    name = doc.meta.get("channel") or doc.source or key
    telegram_id = doc.meta.get("channel_id")
    return {"id": key, "name": str(name), "telegram_id": None if telegram_id is None else str(telegram_id),
            "kind": doc.meta.get("reader")}


def utc_naive(when: datetime | None) -> datetime | None:
    """Stored times are UTC without an offset; a naive input time is taken as UTC."""
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when


def document_row(doc: Document, run_id: int) -> dict[str, Any]:
    meta = doc.meta
    message_id = meta.get("message_id")
    return {
        "id": doc.id,
        "channel_id": channel_key(doc),
        "message_id": message_id if isinstance(message_id, int) and not isinstance(message_id, bool) else None,
        "published": utc_naive(doc.published),
        "time_ambiguous": bool(meta.get("time_ambiguous")),
        "title": meta.get("title"),
        "text": doc.text,
        "url": doc.url,
        "lang": doc.lang,
        "edited": _str_or_none(meta.get("edited")),
        "meta": meta,
        "content_hash": content_hash(doc.text),
        "input_file": _str_or_none(meta.get("input_file")),
        "position": _str_or_none(meta.get("position")),
        "reader": _str_or_none(meta.get("reader")),
        "run_id": run_id,
        "updated_run_id": run_id,
    }


def link_rows(doc: Document) -> list[dict[str, Any]]:
    meta, found = doc.meta, []
    if meta.get("forwarded_from"):
        found.append({"kind": "forward_of", "target": str(meta["forwarded_from"]), "text": None})
    if meta.get("reply_to") is not None:
        found.append({"kind": "reply_to", "target": str(meta["reply_to"]), "text": None})
    for link in meta.get("links") or []:
        if isinstance(link, dict):
            found.append({"kind": str(link.get("kind") or "url")[:16], "target": link.get("url"),
                          "text": link.get("text"), "start": link.get("start"), "end": link.get("end")})
    return [{"document_id": doc.id, "idx": i, "start": None, "end": None, **row} for i, row in enumerate(found)]


def analysis_rows(doc_id: str, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The normalised rows of one `Analysis.to_dict()`, by table name."""
    mention_counts: dict[str, int] = {}
    for m in data.get("mentions", []):
        mention_counts[m.get("entity", "")] = mention_counts.get(m.get("entity", ""), 0) + 1
    return {
        "entities": [adapt_entity(doc_id, e, mention_counts) for e in _first_per_id(data.get("entities", []))],
        "mentions": [adapt_mention(doc_id, i, m) for i, m in enumerate(data.get("mentions", []))],
        "times": [adapt_time(doc_id, i, t) for i, t in enumerate(data.get("times", []))],
        "claims": [adapt_claim(doc_id, i, c) for i, c in enumerate(data.get("claims", []))],
        "sentiment": [adapt_sentiment(doc_id, i, s) for i, s in enumerate(data.get("sentiment", []))],
        "events": [{"document_id": doc_id, "idx": i, "type": _str_or_none(e.get("type")), "data": e}
                   for i, e in enumerate(data.get("events", []))],
    }


def _first_per_id(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An entity id is unique within a document: an analysis that repeats one keeps its first record."""
    first: dict[str, dict[str, Any]] = {}
    for e in entities:
        first.setdefault(e["id"], e)
    return list(first.values())


def norm_name(name: str) -> str:
    return name.casefold().replace("ё", "е")


def adapt_entity(doc_id: str, e: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    return {
        "document_id": doc_id, "entity_id": e["id"], "name": e["name"], "norm": norm_name(e["name"]),
        "type": e["type"], "country": e.get("country"), "kind": e.get("kind"),
        "roles": list(e.get("roles") or []), "aliases": list(e.get("aliases") or []),
        "mention_count": counts.get(e["id"], len(e.get("mentions") or [])), "canon_id": None,
    }


def adapt_mention(doc_id: str, idx: int, m: dict[str, Any]) -> dict[str, Any]:
    return {"document_id": doc_id, "idx": idx, "start": m["start"], "end": m["end"], "text": m["text"],
            "type": m["type"], "entity_id": m.get("entity") or None, "normal": m.get("normal"),
            "source": m.get("source")}


def adapt_time(doc_id: str, idx: int, t: dict[str, Any]) -> dict[str, Any]:
    value = t.get("value")
    span = value if isinstance(value, dict) else {}
    return {"document_id": doc_id, "idx": idx, "start": t["start"], "end": t["end"], "text": t["text"],
            "value": None if span or value is None else str(value),
            "value_start": _str_or_none(span.get("start")), "value_end": _str_or_none(span.get("end")),
            "granularity": t.get("granularity")}


def adapt_claim(doc_id: str, idx: int, c: dict[str, Any]) -> dict[str, Any]:
    worth = c.get("checkworthiness")
    return {"id": f"{doc_id}#c{idx}", "document_id": doc_id, "idx": idx, "type": _str_or_none(c.get("type")),
            "speaker": _str_or_none(c.get("speaker")), "sourcing": _str_or_none(c.get("sourcing")),
            "insider": None if c.get("insider") is None else bool(c.get("insider")),
            "checkworthiness": float(worth) if isinstance(worth, int | float) else None,
            "text": _str_or_none(c.get("text")), "start": c.get("start"), "end": c.get("end"), "data": c}


def adapt_sentiment(doc_id: str, idx: int, s: dict[str, Any]) -> dict[str, Any]:
    score = s.get("score")
    return {"document_id": doc_id, "idx": idx, "entity_id": _str_or_none(s.get("entity")),
            "label": _str_or_none(s.get("label")), "score": float(score) if isinstance(score, int | float) else None,
            "data": s}


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
