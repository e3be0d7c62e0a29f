"""The document model round-trips through its JSON contract."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sverka.doc import Analysis, Document, Entity, Mention, Sent, Span, TimeExpr, Token


def test_analysis_round_trips_through_json() -> None:
    text = "Путину позвонили 12 января."
    analysis = Analysis(
        id="a1",
        text=text,
        published=datetime(2022, 1, 10, 9, 30, tzinfo=UTC),
        sents=[Sent(0, len(text), text, [Token(0, 6, "Путину", "путин", "NOUN", id=1, head=2, rel="iobj")])],
        mentions=[Mention(0, 6, "Путину", "PER", entity="PER:Владимир Путин", normal="Путин")],
        entities=[Entity("PER:Владимир Путин", "Владимир Путин", "PER", "RU", ["президент России"],
                         [Span(0, 6, "Путину")])],
        times=[TimeExpr(17, 26, "12 января", "2022-01-12", "day")],
        claims=[{"id": "c1", "type": "event"}],
    )
    data = json.loads(json.dumps(analysis.to_dict(tokens=True), ensure_ascii=False))
    back = Analysis.from_dict(data)
    assert back == analysis


def test_contract_fields_are_present() -> None:
    data = Analysis(id="x", text="").to_dict()
    for key in ("id", "published", "lang", "entities", "mentions", "times", "claims", "events", "sentiment", "signals"):
        assert key in data


def test_document_round_trip() -> None:
    doc = Document(id="tg:1:2", text="текст", published=datetime(2024, 11, 26, tzinfo=UTC), source="Mash",
                   meta={"links": [{"kind": "text_link", "url": "https://example.org"}]})
    assert Document.from_dict(doc.to_dict()) == doc
