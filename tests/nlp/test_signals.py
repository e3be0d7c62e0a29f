"""Credibility signals on the seed and on hand-written posts; events on the seed."""

from __future__ import annotations

from sverka.api import analyze
from sverka.doc import Analysis
from sverka.nlp.claims.signals import compute_signals


def signal(analysis: Analysis, name: str, links=None) -> dict:
    signals = compute_signals(analysis, links) if links is not None else analysis.signals
    return next(s for s in signals if s["name"] == name)


def evidence(sig: dict) -> list[str]:
    return [e["text"] for e in sig["evidence"]]


def test_seed_signals_match_the_reference(seed_analysis: Analysis):
    a = seed_analysis
    assert "Все прекрасно знали" in evidence(signal(a, "common_knowledge"))
    assert any("аксиома" in t for t in evidence(signal(a, "common_knowledge")))
    assert evidence(signal(a, "authorial_we")) == ["Мы"]
    loaded = " ".join(evidence(signal(a, "loaded_vocabulary")))
    for word in ("прозевал", "авантюру", "насмарку"):
        assert word in loaded
    links = signal(a, "links")
    assert links["value"] == "label_without_address" and evidence(links) == ["ИСТОЧНИК"]
    assert signal(a, "insider_claims")["value"] >= 0.3
    assert signal(a, "anonymous_sourcing")["value"] == 0  # no unnamed source, only unsourced claims
    for s in a.signals:
        assert s["explanation"]
        assert all(a.text[e["start"] : e["end"]] == e["text"] for e in s["evidence"])


def test_links_from_the_export_count_as_present(seed_analysis: Analysis):
    a = seed_analysis
    given = [{"kind": "text_link", "text": "ИСТОЧНИК", "url": "https://example.org/post", "start": 0, "end": 8}]
    assert signal(a, "links", given)["value"] == "present"


def test_anonymous_sources_hedges_and_certainty():
    a = analyze(
        "По словам источника в администрации, губернатор, возможно, уйдёт в отставку. "
        "Собеседник агентства добавил, что проект указа якобы готов. Это безусловно провал. Читайте: https://t.me/x/1",
        "2024-11-26",
    )
    anon = signal(a, "anonymous_sourcing")
    assert anon["value"] >= 2
    assert any("источника" in t for t in evidence(anon))
    hc = signal(a, "hedges_vs_certainty")["value"]
    assert hc["hedges"] >= 2 and hc["certainty"] >= 1
    assert signal(a, "links")["value"] == "present"


def test_we_inside_a_quote_is_not_the_author():
    a = analyze("«Мы будем обеспечивать соблюдение соглашения», — заявил премьер-министр.", "2024-11-26")
    assert signal(a, "authorial_we")["value"] == 0


def test_seed_events(seed_analysis: Analysis):
    events = seed_analysis.events
    meeting = next(e for e in events if e["type"] == "meeting")
    assert meeting["count"] == 8
    assert any(p["name"] == "Владимир Путин" and p["role"] == "agent" for p in meeting["participants"])
    assert meeting["time"] == {"start": "2022-01-07", "end": "2022-01-10"}
    talks = next(e for e in events if e["type"] == "negotiation")
    assert talks["time"] == "2022-01-12"
    for e in events:
        ev = e["evidence"]
        assert seed_analysis.text[ev["start"] : ev["end"]] == ev["text"]
