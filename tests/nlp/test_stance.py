"""Stance: the shipped model, the pipeline stage on hand-built analyses, the holder rule, the CLI.

Dev rows come from RuSentNE-2023 (MIT, github.com/dialogue-evaluation/RuSentNE-evaluation),
read from the shared folder at test time.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from sverka.cli.main import app
from sverka.doc import Analysis, Entity, Sent, Span
from sverka.nlp.morph import tag_morph_doc
from sverka.nlp.segment import segment_doc
from sverka.nlp.stance.features import Pair, parse_texts, token_span
from sverka.nlp.stance.metrics import f1_pn
from sverka.nlp.stance.model import MODEL_DIR, model_meta, stance_model
from sverka.nlp.stance.net import CONTEXT, crop
from sverka.nlp.stance.stage import SentScore, aggregate, score_pairs, score_stance_doc
from sverka.nlp.syntax import parse_syntax_doc

LABEL_VALUES = {"negative": -1, "neutral": 0, "positive": 1}


def dev_rows(shared: Path) -> list[dict]:
    path = shared / "data" / "rusentne" / "dev.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def parsed(text: str, entities: dict[str, list[str]]) -> Analysis:
    """An analysis with real tokens and syntax, and hand-built entities: name → its mention strings."""
    analysis = Analysis(id="t", text=text)
    segment_doc(analysis)
    tag_morph_doc(analysis)
    parse_syntax_doc(analysis)
    for n, (name, forms) in enumerate(entities.items()):
        spans, pos = [], 0
        for form in forms:
            start = text.index(form, pos)
            spans.append(Span(start, start + len(form), form))
            pos = start + len(form)
        analysis.entities.append(Entity(id=f"e{n}", name=name, type="PER", mentions=spans))
    return analysis


def test_f1_pn_ignores_neutral_but_counts_its_misses() -> None:
    gold = [1, -1, 0, 0]
    assert f1_pn(gold, [1, -1, 0, 0]) == 1.0
    assert f1_pn(gold, [0, 0, 0, 0]) == 0.0
    assert f1_pn(gold, [1, -1, 1, None]) == pytest.approx((2 / 3 + 1) / 2)


@pytest.mark.slow
def test_shipped_model_reproduces_its_recorded_dev_score(shared: Path) -> None:
    meta = model_meta()
    rows = dev_rows(shared)[: meta["dev_subset_rows"]]
    pred = [LABEL_VALUES[label] for label, _ in
            score_pairs([(r["text"], r["start"], r["end"], r["entity_type"]) for r in rows])]
    assert f1_pn([r["label"] for r in rows], pred) == pytest.approx(meta["dev_subset_f1_pn"], abs=0.01)
    assert meta["dev_f1_pn"] >= 0.55  # the floor set in issue 6


@pytest.mark.parametrize(("text", "mention", "label"), [
    ("Суд приговорил бывшего мэра к восьми годам колонии за взятки.", "мэра", "negative"),
    ("Международное сообщество осудило режим за массовые репрессии.", "режим", "negative"),
    ("Президент вручил врачам государственные награды за спасение тысяч жизней.", "врачам", "positive"),
    ("Министр провел совещание в Москве.", "Министр", "neutral"),
])
def test_score_pairs_on_clear_cases(text: str, mention: str, label: str) -> None:
    start = text.index(mention)
    [(got, score)] = score_pairs([(text, start, start + len(mention), "PROFESSION")])
    assert got == label
    assert 1 / 3 < score <= 1


def test_stage_gives_one_record_per_entity_with_sentence_evidence() -> None:
    text = ("Террористы взорвали автобус с пассажирами. Полиция задержала троих террористов. "
            "Мэр наградил полицейских за смелость.")
    analysis = parsed(text, {"террористы": ["Террористы", "террористов"], "полиция": ["Полиция", "полицейских"]})
    score_stance_doc(analysis)
    by_entity = {s["entity"]: s for s in analysis.sentiment}
    assert set(by_entity) == {"e0", "e1"}
    assert by_entity["e0"]["label"] == "negative"
    for record in analysis.sentiment:
        assert record["holder"] is None and 0 < record["score"] <= 1
        sents = {(s.start, s.end) for s in analysis.sents}
        assert record["evidence"] and all((e["start"], e["end"]) in sents for e in record["evidence"])


@pytest.mark.parametrize(("text", "holder"), [
    ("Лавров заявил, что Байден лжет и провоцирует войну.", "e0"),
    ("Лавров считает, что Байден провоцирует войну.", "e0"),
    ("По словам Лаврова, Байден провоцирует войну.", "e0"),
    ("Байден провоцирует войну, а Лавров это отрицает.", None),
])
def test_a_quoted_statement_is_the_speakers_stance(text: str, holder: str | None) -> None:
    analysis = parsed(text, {"Сергей Лавров": ["Лаврова" if "Лаврова" in text else "Лавров"], "Джо Байден": ["Байден"]})
    score_stance_doc(analysis)
    biden = next(s for s in analysis.sentiment if s["entity"] == "e1")
    assert biden["holder"] == holder


def test_aggregate_needs_a_share_of_polar_sentences() -> None:
    def scores(*probas: tuple[float, float, float]) -> list[SentScore]:
        return [SentScore(Sent(0, 1, "x"), np.array(p), None) for p in probas]

    neutral, neg, pos = (0.1, 0.8, 0.1), (0.6, 0.3, 0.1), (0.1, 0.3, 0.6)
    assert aggregate(scores(neg, neutral, neutral, neutral)) == 0  # one negative sentence of four is enough
    assert aggregate(scores(neg, *[neutral] * 5)) == 1  # one of six is not
    assert aggregate(scores(neg, pos, (0.3, 0.2, 0.5))) == 2  # the direction follows the probability mass
    assert aggregate(scores(neg, pos)) == 1  # an even split is neutral
    crowded = SentScore(Sent(0, 1, "x"), np.array(pos), None, weight=0.5)  # a sentence naming four entities
    assert aggregate([*scores(neg), crowded]) == 0


@pytest.mark.slow
def test_seed_putin_is_negative(seed_analysis: Analysis) -> None:
    putin = next(e for e in seed_analysis.entities if e.name == "Владимир Путин")
    record = next(s for s in seed_analysis.sentiment if s["entity"] == putin.id)
    assert record["label"] == "negative"
    assert record["holder"] is None


def test_cli_scores_the_rusentne_line_format(tmp_path: Path) -> None:
    text = "Суд приговорил бывшего мэра к восьми годам колонии за взятки."
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"id": "a", "text": text, "entity": "мэра", "entity_type": "PROFESSION",
                    "start": 23, "end": 27}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "b", "text": text, "start": 5, "end": 500}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["stance", "--input", str(pairs), "--output", str(out)])
    assert result.exit_code == 1  # one line rejected
    assert "pairs.jsonl:2" in result.output
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["id"] == "a" and line["label"] == -1 and 0 < line["score"] <= 1


@pytest.mark.slow
def test_linear_half_retrains_to_its_recorded_score(shared: Path, tmp_path: Path) -> None:
    """The linear half trains in under a minute, so CI retrains it; the nets take longer and need
    PyTorch, so the shipped ones are checked by reproducing the recorded dev-subset score above."""
    from sverka.train.stance import train_model

    meta = train_model(tmp_path / "stance", nets=0)
    assert meta["dev_f1_pn_linear"] == pytest.approx(model_meta()["dev_f1_pn_linear"], abs=1e-4)


def test_shipped_model_fits_the_size_budget() -> None:
    files = [f for f in MODEL_DIR.iterdir() if f.is_file()]
    assert {"weights.npz", "vocab.json", "net.npz", "net.json"} <= {f.name for f in files}
    assert sum(f.stat().st_size for f in files) < 20_000_000


def test_net_scores_a_pair_the_same_alone_or_padded_in_a_batch() -> None:
    """The backward LSTM must start at each sentence's own end, whatever the batch's padding."""
    items = [("Суд приговорил бывшего мэра к восьми годам колонии за взятки и злоупотребления.", "мэра"),
             ("Мэра похвалили.", "Мэра"),
             ("Президент вручил врачам награды.", "врачам")]
    texts = [t for t, _ in items]
    pairs = [Pair(toks, *token_span(toks, t.index(m), t.index(m) + len(m)), "PROFESSION")
             for (t, m), toks in zip(items, parse_texts(texts), strict=True)]
    net = stance_model().net
    assert net is not None
    together = net.proba(pairs)
    alone = np.concatenate([net.proba([p]) for p in pairs])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(together.sum(axis=1), 1.0, atol=1e-5)


def test_net_reads_a_bounded_window_of_a_run_on_sentence() -> None:
    """A post without full stops is one "sentence"; words far from the mention must not cost or count."""
    core = "Суд приговорил бывшего мэра к восьми годам колонии за взятки"
    filler = " и ".join(["депутаты обсуждали бюджет"] * 400)
    short, long = core + ".", filler + " и " + core + " и " + filler + "."
    [toks_short, toks_long] = parse_texts([short, long])
    mention = "мэра"
    pair_short = Pair(toks_short, *token_span(toks_short, short.index(mention), short.index(mention) + 4), "PROFESSION")
    pair_long = Pair(toks_long, *token_span(toks_long, long.index(mention), long.index(mention) + 4), "PROFESSION")
    assert len(toks_long) > 2000
    cropped = crop(pair_long)
    assert len(cropped.tokens) <= 2 * CONTEXT + 1
    net = stance_model().net
    assert net is not None
    assert np.allclose(net.proba([pair_long]), net.proba([cropped]), atol=1e-6)
    assert net.proba([pair_short]).argmax() == 0  # negative, as alone


def test_the_nets_can_be_limited_for_speed() -> None:
    from sverka.nlp.stance.model import load_model

    full, one, linear = load_model(), load_model(max_nets=1), load_model(max_nets=0)
    assert full.net is not None and one.net is not None and linear.net is None
    assert len(one.net.nets) == 1 < len(full.net.nets)
    text = "Суд приговорил бывшего мэра к восьми годам колонии за взятки."
    [toks] = parse_texts([text])
    pair = Pair(toks, *token_span(toks, text.index("мэра"), text.index("мэра") + 4), "PROFESSION")
    assert np.allclose(linear.proba([pair]), full.linear.proba([pair]))
    assert not np.allclose(one.proba([pair]), full.proba([pair]))


def test_the_nets_read_the_pipelines_entity_types_as_rusentne_types() -> None:
    from sverka.nlp.stance.net import encode

    net = stance_model().net
    assert net is not None
    text = "Путин провел совещание."
    [toks] = parse_texts([text])
    for ours, theirs in (("PER", "PERSON"), ("ORG", "ORGANIZATION"), ("LOC", "COUNTRY")):
        enc = encode(Pair(toks, 0, 1, ours), net.rels, net.types, net.lexicon)
        assert enc.etype == net.types[theirs]


def test_training_the_nets_without_pytorch_says_how_to_get_it(monkeypatch, capsys, tmp_path: Path) -> None:
    import importlib.util

    from sverka.train.stance import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    with pytest.raises(SystemExit) as exc:
        main(["--out", str(tmp_path / "model")])
    assert exc.value.code == 2
    assert "pip install -e .[train]" in capsys.readouterr().err
    assert not (tmp_path / "model").exists()  # nothing trained or written
