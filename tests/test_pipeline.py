"""The pipeline: stage order and needs, one bad document does not stop the others, links reach signals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sverka.api import analyze_docs
from sverka.doc import Analysis, Document
from sverka.pipeline import STAGES, Pipeline, publication_date


def test_needs_pull_in_earlier_stages() -> None:
    names = [s.name for s in Pipeline(["entities"]).stages]
    assert names == ["lang", "segment", "morph", "ner", "entities"]


def test_unknown_stage_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline(["entitis"])


def test_a_failing_stage_becomes_a_problem_on_that_document(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = Pipeline(["entities"])

    def explode_on_b(analysis: Analysis) -> None:
        if analysis.id == "b":
            raise RuntimeError("boom")

    stage = next(s for s in STAGES if s.name == "entities")
    pipeline._funcs[stage.name] = explode_on_b
    docs = [
        Document(id="a", text="Путин прилетел."),
        Document(id="b", text="Президент Казахстана Касым-Жомарт Токаев улетел в Москву."),
    ]
    a, b = pipeline.run(docs)
    assert a.problems == [] and b.problems[0].stage == "entities" and "boom" in b.problems[0].message
    assert b.mentions  # the stages before it stand


def test_links_of_the_source_reach_the_signals() -> None:
    links = [{"kind": "text_link", "text": "ИСТОЧНИК", "url": "https://example.org/a", "start": 17, "end": 25}]
    doc = Document(id="x", text="Путин всё решил. ИСТОЧНИК", meta={"links": links})
    analysis = next(analyze_docs([doc], stages=["signals"]))
    assert analysis.links == links
    assert next(s for s in analysis.signals if s["name"] == "links")["value"] == "present"


@pytest.mark.parametrize(
    ("published", "day"),
    [
        (datetime(2024, 11, 26, 22, 30, tzinfo=UTC), "2024-11-27"),  # UTC says nothing of the zone: Moscow
        (datetime(2024, 11, 26, 22, 30), "2024-11-26"),  # naive: already local
        (datetime.fromisoformat("2024-11-26T22:30:00+05:00"), "2024-11-26"),  # an explicit zone is kept
    ],
)
def test_publication_day_is_taken_in_moscow_time_unless_a_zone_is_given(published: datetime, day: str) -> None:
    assert publication_date(published).isoformat() == day


@pytest.mark.slow
def test_a_long_text_without_full_stops_is_analysed_whole() -> None:
    words = ["Путин", "Токаев", "Казахстан", "встреча", "заявил", "вчера", "переговоры", "Москва", "санкции", "рубль"]
    text = " ".join(words[(i * 7) % len(words)] for i in range(8000))  # ~60 kB, no sentence ends
    analysis = next(analyze_docs([Document(id="long", text=text)]))
    assert analysis.problems == []
    assert len(analysis.sents) > 20  # cut into bounded pieces
    assert {"Владимир Путин", "Москва"} <= {e.name for e in analysis.entities}
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text
