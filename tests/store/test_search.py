"""Search by lemma with filters and highlighted snippets, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from store_helpers import FAST_STAGES, NKTKLN, channel_export, message

from sverka.ingest import ingest
from sverka.store import Store
from sverka.store.snippets import snippet
from sverka.store.terms import query_terms


@pytest.fixture
def store(db_url, tmp_path):
    export = channel_export(tmp_path / "x", [
        message(1, "Путину доложили о ситуации в Курской области.", 1732615200),  # 2024-11-26 10:00 UTC
        message(2, "Встреча Путина и Токаева пройдёт в Астане.", 1732701600),  # 2024-11-27
        message(3, "Курс рубля снова упал, сообщили в Банке России.", 1732788000),  # 2024-11-28
        message(4, "Владимир Путин прилетел в Казахстан с государственным визитом.", 1732788100),
    ], name="Проверочный канал", chat_id=777)
    other = channel_export(tmp_path / "y", [
        message(9, "Путин ответил на вопрос журналистов.", 1732615300),
        message(10, "Касым-Жомарт Токаев провёл совещание.", 1732615400),
    ], name="Другой канал", chat_id=888)
    ingest([export, other], db=db_url, stages=FAST_STAGES, workers=1)
    s = Store(db_url)
    yield s
    s.close()


def ids(page):
    return [item["id"] for item in page.items]


def test_search_finds_other_forms_of_a_word(store):
    assert sorted(ids(store.documents(q="Путина"))) == ["tg:777:1", "tg:777:2", "tg:777:4", "tg:888:9"]
    assert ids(store.documents(q="путин казахстан")) == ["tg:777:4"]  # every word must occur
    assert ids(store.documents(q="рубль")) == ["tg:777:3"]
    # Surnames the best reading gets wrong ("Токаев" → "токай") are found through their name reading.
    assert sorted(ids(store.documents(q="Токаев"))) == ["tg:777:2", "tg:888:10"]
    assert sorted(ids(store.documents(q="Токаеву"))) == ["tg:777:2", "tg:888:10"]
    assert ids(store.documents(q="Касым-Жомарта")) == ["tg:888:10"]
    assert ids(store.documents(q="совещании")) == ["tg:888:10"]
    assert store.documents(q="Лукашенко").total == 0
    assert store.documents(q="…").total == 0  # no words: nothing, not everything


def test_newest_first_and_snippet_highlights_the_matching_words(store):
    page = store.documents(q="Путин")
    assert ids(page)[0] == "tg:777:4"
    for item in page.items:
        marked = [item["snippet"][s:e] for s, e in item["highlights"]]
        assert marked and all(w.lower().startswith("путин") for w in marked)


def test_filters_channel_dates_entity(store):
    assert ids(store.documents(q="Путин", channel="другой КАНАЛ")) == ["tg:888:9"]
    assert sorted(ids(store.documents(channel="777"))) == ["tg:777:1", "tg:777:2", "tg:777:3", "tg:777:4"]
    assert ids(store.documents(q="Путин", since="2024-11-27", until="2024-11-27")) == ["tg:777:2"]
    assert sorted(ids(store.documents(since="2024-11-28"))) == ["tg:777:3", "tg:777:4"]
    assert ids(store.documents(until="2024-11-26T10:00:00+00:00")) == ["tg:777:1"]
    by_entity = ids(store.documents(entity="Путин"))
    assert "tg:777:4" in by_entity and "tg:777:3" not in by_entity
    assert ids(store.documents(entity="Владимир Путин", channel="Проверочный канал", q="визит")) == ["tg:777:4"]
    assert ids(store.documents(entity="Владимира Путина", q="визит")) == ["tg:777:4"]  # any case of the name
    assert "tg:777:4" in ids(store.documents(entity="Путина"))


def test_pagination_walks_every_match_once(db_url):
    ingest([NKTKLN], db=db_url, analyse=False, workers=1)
    store = Store(db_url)
    total = store.documents(q="рубль").total
    assert total > 20
    seen, cursor = [], None
    while True:
        page = store.documents(q="рубль", limit=7, cursor=cursor)
        seen += ids(page)
        if page.next is None:
            break
        cursor = page.next
    assert len(seen) == len(set(seen)) == total
    frame = store.documents(q="рубль", limit=5).to_pandas()
    assert list(frame["id"]) == seen[:5] and "snippet" in frame.columns
    store.close()


@pytest.mark.parametrize("text, query, marked", [
    ("Путину доложили.", "Путин", ["Путину"]),
    ("Встреча Путина и Токаева.", "Токаев Путин", ["Путина", "Токаева"]),
    ("Пескову и Токаевым сообщили о переговорах.", "Песков Токаев переговоры", ["Пескову", "Токаевым", "переговорах"]),
    ("Ничего нет.", "Путин", []),
])
def test_snippet(text, query, marked):
    snip, spans = snippet(text, query_terms(query))
    assert snip == text and [snip[s:e] for s, e in spans] == marked


def test_long_text_snippet_is_cut_around_the_first_match():
    text = "Вступление. " * 60 + "Здесь Путину сообщили новость. " + "Хвост. " * 60
    snip, spans = snippet(text, query_terms("Путин"))
    assert snip.startswith("…") and snip.endswith("…") and len(snip) < 300
    assert [snip[s:e] for s, e in spans] == ["Путину"]
