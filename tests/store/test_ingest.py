"""Ingest: exact counts on the samples, idempotence, edits kept as revisions, rejects recorded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from store_helpers import FAST_STAGES, NKTKLN, SAMPLES, TDESKTOP, channel_export, dump, message

from sverka.ingest import ingest
from sverka.readers import Reject, read
from sverka.store import Store
from sverka.store import schema as t

ARTICLES = SAMPLES / "news" / "articles.jsonl"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_samples_exact_counts_and_twice_changes_nothing(db_url):
    inputs = [NKTKLN, TDESKTOP, ARTICLES]
    first = ingest(inputs, db=db_url, analyse=False, workers=1)
    assert first.counts == {"new": 693}  # 462 posts + 5 desktop messages with text + 226 articles
    assert first.stats.skipped == {"service": 4, "no_text": 3}
    assert first.rejects == []
    store = Store(db_url)
    stats = store.stats()
    assert stats["documents"] == 693
    assert stats["channels"] == {
        "Викиновости (ru.wikinews.org) via NEREL v1.1": 211, "Топор Live": 86, "Раньше всех. Ну почти.": 84,
        "РИА Новости": 82, "Банкста": 74, "Ньюсач/Двач": 59, "BBC News | Русская служба": 38, "Mash": 20, "SHOT": 19,
        "Meduza (meduza.io), articles by Ivan Golunov": 15, "Test 2022": 5,
    }
    assert stats["date_range"]["last"].startswith("2024-11-26")
    assert stats["time_ambiguous"] == 5 + 15  # the 2022 export's local times, Meduza's bare dates
    docs = [d for p in inputs for d in read(p) if not isinstance(d, Reject)]
    expected_links = sum(len(d.meta.get("links", [])) + bool(d.meta.get("forwarded_from"))
                         + (d.meta.get("reply_to") is not None) for d in docs)
    assert stats["links"] == expected_links > 0
    assert "wikinews-nerel-train-013" in [i["id"] for i in store.documents(q="Муртазы Рахимова", limit=50).items]
    before = dump(store)

    second = ingest(inputs, db=db_url, analyse=False, workers=1)
    assert second.counts == {"unchanged": 693}
    assert dump(store) == before
    assert [r["status"] for r in store.runs()] == ["done", "done"]
    store.close()


def test_search_text_is_indexed_for_every_document(db_url):
    ingest([NKTKLN], db=db_url, analyse=False, workers=1)
    store = Store(db_url)
    with store.engine.connect() as conn:
        docs = conn.execute(select(t.documents.c.id)).scalars().all()
        indexed = conn.execute(select(t.search_text.c.document_id)).scalars().all()
    assert sorted(docs) == sorted(indexed) and len(docs) == 462
    store.close()


def test_newer_export_adds_new_messages_and_keeps_edits_as_revisions(db_url, tmp_path):
    old = channel_export(tmp_path / "v1", [
        message(1, "Первое сообщение о переговорах в Астане.", 1732615200),
        message(2, "Песков заявил, что визит состоится.", 1732615300),
    ])
    new = channel_export(tmp_path / "v2", [
        message(1, "Первое сообщение о переговорах в Астане.", 1732615200),
        message(2, "Песков заявил, что визит состоится 27 ноября.", 1732615300, edited=1732622400),
        message(3, "Третье сообщение: Токаев встретит гостя в аэропорту.", 1732615400),
    ])
    assert ingest([old], db=db_url, analyse=False, workers=1).counts == {"new": 2}
    assert ingest([new], db=db_url, analyse=False, workers=1).counts == {"unchanged": 1, "edited": 1, "new": 1}
    store = Store(db_url)
    doc = store.document("tg:4242:2")
    assert doc["text"] == "Песков заявил, что визит состоится 27 ноября."
    assert [(r["kind"], r["text"]) for r in doc["revisions"]] == [("previous", "Песков заявил, что визит состоится.")]
    assert store.documents(q="ноябрь").total == 1  # the search text follows the edit
    assert store.documents(q="состоится").total == 1
    state = dump(store)

    # The old export again: its text of message 2 is already a revision; nothing changes.
    assert ingest([old], db=db_url, analyse=False, workers=1).counts == {"unchanged": 1, "variant": 1}
    assert dump(store) == state
    store.close()


def test_same_text_without_edit_time_is_kept_as_variant(db_url, tmp_path):
    a = channel_export(tmp_path / "a", [message(7, "Текст из первой выгрузки.", 1732615200)])
    b = channel_export(tmp_path / "b", [message(7, "Текст из второй выгрузки, иначе.", 1732615200)])
    ingest([a], db=db_url, analyse=False, workers=1)
    assert ingest([b], db=db_url, analyse=False, workers=1).counts == {"variant": 1}
    doc = Store(db_url).document("tg:4242:7")
    assert doc["text"] == "Текст из первой выгрузки."
    assert [(r["kind"], r["text"]) for r in doc["revisions"]] == [("variant", "Текст из второй выгрузки, иначе.")]


def test_rejects_are_stored_with_file_position_and_reason(db_url, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "a1", "text": "Лавров прилетел в Минск."}\n', encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "b1", "text": "Нормальная строка."}\n{"id": "b2", "text": \n', encoding="utf-8")
    result = ingest([good, bad], db=db_url, analyse=False, workers=1)
    assert result.counts == {"new": 2}
    assert [(r.path, r.position) for r in result.rejects] == [(str(bad), "line 2")]
    rows = Store(db_url).rejects().items
    assert [(r["path"], r["position"]) for r in rows] == [(str(bad), "line 2")]
    assert rows[0]["reason"] and rows[0]["run_id"] == result.run_id
    # Fixed file, ingested again: its old rejects go away.
    bad.write_text('{"id": "b1", "text": "Нормальная строка."}\n', encoding="utf-8")
    assert ingest([bad], db=db_url, analyse=False, workers=1).rejects == []
    assert Store(db_url).stats()["rejects"] == 0


def test_analysis_rows_are_normalised(db_url, tmp_path):
    export = channel_export(tmp_path / "e", [
        message(1, "Владимир Путин 27 ноября посетит Астану, сообщил Дмитрий Песков.", 1732615200),
        message(2, "Касым-Жомарт Токаев встретит Путина в аэропорту.", 1732615300),
    ])
    result = ingest([export], db=db_url, stages=[*FAST_STAGES, "times"], workers=1)
    assert result.analysed == 2
    store = Store(db_url)
    doc = store.document("tg:4242:1")
    names = sorted(e["name"] for e in doc["analysis"]["entities"])
    assert "Владимир Путин" in names
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.entities.c.name, t.entities.c.type).where(
            t.entities.c.document_id == "tg:4242:1")).all()
        mentions = conn.execute(select(t.mentions.c.text).where(t.mentions.c.document_id == "tg:4242:1")).scalars()
        times = conn.execute(select(t.times.c.text, t.times.c.value)).all()
    assert sorted(r.name for r in rows) == names
    assert "Путин" in " ".join(mentions)
    assert ("27 ноября", "2024-11-27") in [(x.text, x.value) for x in times]
    assert Counter(e["type"] for e in store.entities().items)["PER"] >= 2
    # Re-ingest: nothing is analysed again.
    assert ingest([export], db=db_url, stages=[*FAST_STAGES, "times"], workers=1).analysed == 0
    store.close()



READER_FIXTURES = Path(__file__).resolve().parents[1] / "data" / "readers"


def test_json_and_html_exports_of_one_chat_give_the_same_documents(db_url):
    assert ingest([TDESKTOP / "result.json"], db=db_url, analyse=False, workers=1).counts == {"new": 5}
    store = Store(db_url)
    before = {d["id"]: (d["text"], d["published"]) for d in store.documents(limit=100).items}
    assert ingest([TDESKTOP / "messages.html"], db=db_url, analyse=False, workers=1).counts == {"unchanged": 5}
    assert {d["id"]: (d["text"], d["published"]) for d in store.documents(limit=100).items} == before
    store.close()


def test_desktop_export_and_telethon_dump_merge_on_channel_and_message_id(db_url):
    ingest([READER_FIXTURES / "channel_export" / "result.json"], db=db_url, analyse=False, workers=1)
    merged = ingest([READER_FIXTURES / "telethon_dump.jsonl"], db=db_url, analyse=False, workers=1)
    assert merged.counts["new"] == 1  # only the message the desktop export did not have
    doc = Store(db_url).document("tg:1234567890:10")
    assert doc["meta"]["views"] == 1500  # from the dump
    assert doc["meta"]["reader"] == "telegram_json"  # first-seen provenance kept
    assert {(lk["kind"], lk["target"]) for lk in doc["links"]} >= {("text_link", "https://example.org/source/1")}


def test_other_stages_analyse_again_and_the_same_do_not(db_url, tmp_path):
    export = channel_export(tmp_path / "s", [message(1, "Дмитрий Песков ответил журналистам в Москве.", 1732615200)])
    assert ingest([export], db=db_url, stages=["lang", "segment"], workers=1).analysed == 1
    store = Store(db_url)
    assert store.document("tg:4242:1")["analysis"]["mentions"] == []
    again = ingest([export], db=db_url, stages=["lang", "segment", "morph", "ner"], workers=1)
    assert (again.counts, again.analysed) == ({"analysed_again": 1}, 1)
    doc = store.document("tg:4242:1")
    assert doc["analysis_version"].endswith(":lang,segment,morph,ner")
    assert {m["text"] for m in doc["analysis"]["mentions"]} >= {"Дмитрий Песков"}
    state = dump(store)
    same = ingest([export], db=db_url, stages=["lang", "segment", "morph", "ner"], workers=1)
    assert (same.counts, same.analysed) == ({"unchanged": 1}, 0)
    assert ingest([export], db=db_url, analyse=False, workers=1).counts == {"unchanged": 1}
    assert dump(store) == state
    store.close()


def test_feeds_and_opml_lists_are_read_once(db_url, monkeypatch):
    import sverka.ingest as ingest_module

    calls = []
    real_read = ingest_module.read

    def counting_read(path, *args, **kwargs):
        calls.append(str(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "read", counting_read)
    feeds = READER_FIXTURES / "feeds"
    result = ingest([feeds / "list.opml", feeds / "lenta.rss"], db=db_url, analyse=False, workers=1)
    assert calls.count(str(feeds / "list.opml")) == 1  # an OPML list may fetch feeds: once
    assert calls.count(str(feeds / "lenta.rss")) == 2  # a local file: counted, then streamed
    assert result.counts["new"] > 0
    again = ingest([feeds / "list.opml"], db=db_url, analyse=False, workers=1)
    assert "new" not in again.counts


def test_rejects_of_a_fixed_file_go_even_when_it_yields_nothing(db_url, tmp_path):
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    assert len(ingest([folder], db=db_url, analyse=False, workers=1).rejects) == 1
    assert Store(db_url).stats()["rejects"] == 1
    (folder / "broken.jsonl").write_text("\n", encoding="utf-8")  # fixed: no documents, no rejects
    assert ingest([f"{folder}/./"], db=db_url, analyse=False, workers=1).rejects == []
    assert Store(db_url).stats()["rejects"] == 0


@pytest.mark.slow
def test_every_sample_article_is_stored_with_its_analysis(db_url):
    """One article once gave two entities one id ("Хазрат" read as a form of "Мазахим"): the whole ingest
    failed on the unique key. Every article must land with its entities."""
    result = ingest([ARTICLES], db=db_url, stages=list(FAST_STAGES), workers=1)
    articles = sum(1 for line in ARTICLES.open(encoding="utf-8") if line.strip())
    assert result.analysed == articles
    store = Store(db_url)
    doc = store.document("wikinews-nerel-train-164467")
    ids = [e["id"] for e in doc["analysis"]["entities"]]
    assert len(ids) == len(set(ids))
    with store.engine.connect() as conn:
        stored = conn.execute(select(t.entities.c.entity_id).where(
            t.entities.c.document_id == "wikinews-nerel-train-164467")).scalars().all()
    assert sorted(stored) == sorted(ids)
    store.close()


def test_an_analysis_the_tables_cannot_take_is_named_and_the_rest_is_stored(db_url, tmp_path, monkeypatch):
    """A bug in one document's analysis (here a mention without offsets) must not cost the batch."""
    from sverka import ingest as ingest_module

    export = channel_export(tmp_path / "e", [
        message(1, "Владимир Путин посетит Астану.", 1732615200),
        message(2, "Касым-Жомарт Токаев встретит Путина в аэропорту.", 1732615300),
        message(3, "Мирза Ахмед прибыл в Дели.", 1732615400),
    ])
    real_call = ingest_module.AnalyseTask.__call__

    def broken_second(self, docs):
        out = real_call(self, docs)
        return [(i, lem, {**data, "mentions": [{"text": "x"}]} if i == "tg:4242:2" and data else data)
                for i, lem, data in out]

    monkeypatch.setattr(ingest_module.AnalyseTask, "__call__", broken_second)
    result = ingest([export], db=db_url, stages=list(FAST_STAGES), workers=1)
    assert result.documents == 3 and result.analysed == 2
    assert len(result.unstored) == 1 and result.unstored[0].startswith("tg:4242:2: analysis not stored (KeyError")
    store = Store(db_url)
    assert store.document("tg:4242:2")["text"].startswith("Касым-Жомарт Токаев")  # the text is kept
    assert store.document("tg:4242:2")["analysis"] is None
    assert "Владимир Путин" in {e["name"] for e in store.document("tg:4242:1")["analysis"]["entities"]}
    store.close()
