"""The Dask runner analyses every good line of a corpus and sets the bad ones aside."""

from __future__ import annotations

import json
from pathlib import Path

from sverka.run.dask import analyze_corpus


def test_dask_analyses_a_corpus_in_parts(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [
        json.dumps({"id": "a", "text": "Путин прилетел в Астану вчера.", "published": "2024-11-26"}),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
    ]
    (corpus / "one.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "two.jsonl").write_text(json.dumps({"id": "c", "text": "Токаев выступил в Москве."}) + "\n",
                                      encoding="utf-8")
    out = tmp_path / "out"
    result = analyze_corpus([str(corpus / "*.jsonl")], out, scheduler="sync", stages=["entities", "times"])
    assert (result.analysed, result.rejected, result.parts) == (2, 2, 2)
    analyses = [json.loads(x) for p in sorted(out.glob("part-*.jsonl")) for x in p.read_text().splitlines()]
    assert sorted(a["id"] for a in analyses) == ["a", "c"]
    first = next(a for a in analyses if a["id"] == "a")
    assert first["times"][0]["value"] == "2024-11-25"
    assert "Владимир Путин" in {e["name"] for e in first["entities"]}
    rejects = [json.loads(x) for p in out.glob("rejects-*.jsonl") for x in p.read_text().splitlines()]
    assert {r["position"] for r in rejects} == {"{not json", "b"}
