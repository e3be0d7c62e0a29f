"""Hand-built posts for the linking tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sverka.doc import Document


def post(doc_id: str, text: str, source: str, minute: int = 0, **meta: object) -> Document:
    """A post of 2024-11-26, `minute` minutes after noon UTC."""
    when = datetime(2024, 11, 26, 12, tzinfo=UTC) + timedelta(minutes=minute)
    return Document(doc_id, text, when, source, meta=dict(meta))
