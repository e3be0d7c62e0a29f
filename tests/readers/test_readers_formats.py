"""Loose files: encodings, text/Markdown, CSV and JSONL with a mapping, RSS/Atom/OPML, saved articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sverka.doc import Document
from sverka.readers import ReadStats, Reject, read
from sverka.readers.common import url_id

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "readers"
LOOSE = FIXTURES / "loose"
FEEDS = FIXTURES / "feeds"
MSK = timezone(timedelta(hours=3))
SENTENCES = "Президент России Владимир Путин посетит Казахстан 27 ноября.\nВ Астане пройдёт саммит ОДКБ.\n"


def read_all(path, **kwargs):
    stats = ReadStats()
    items = list(read(path, stats=stats, **kwargs))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Reject)], stats


@pytest.mark.parametrize("name", ["cp1251.txt", "koi8r.txt", "bom.txt"])
def test_text_encodings(name):
    docs, rejects, _ = read_all(LOOSE / name)
    assert rejects == [] and len(docs) == 1
    assert docs[0].text == SENTENCES
    assert docs[0].id == read_all(LOOSE / "bom.txt")[0][0].id  # the id is from the text, not the bytes
    assert docs[0].id.startswith("file:") and docs[0].meta["reader"] == "text"


def test_markdown_title_and_line_ends():
    [doc], _, _ = read_all(LOOSE / "note.md")
    assert doc.text == "# Заметка о визите\n\nПутин посетит Казахстан.\n"
    assert doc.meta["title"] == "Заметка о визите"


def test_csv_with_mapping_cp1251_semicolons():
    mapping = {"text": "текст", "published": "время", "source": "канал", "url": "ссылка"}
    docs, rejects, stats = read_all(LOOSE / "posts.csv", mapping=mapping, tz="Europe/Moscow")
    assert rejects == [] and stats.skipped == {"no_text": 1}
    assert [d.text for d in docs] == [
        "Рубль подешевел; ЦБ молчит.",
        "Газпромбанк попал под санкции.\n\nПодробности позже.",
    ]
    assert [d.meta["position"] for d in docs] == ["line 2", "line 3"]
    assert docs[0].published.astimezone(UTC) == datetime(2024, 11, 26, 7, 0, tzinfo=UTC)
    assert docs[0].meta["time_ambiguous"] is True
    assert docs[0].url == "https://example.ru/r" and docs[0].id.startswith("url:")
    assert docs[1].url is None and docs[1].id.startswith("file:")
    assert docs[0].source == "Пример"


def test_csv_mapping_to_missing_column_is_rejected():
    docs, rejects, _ = read_all(LOOSE / "posts.csv", mapping={"text": "body"})
    assert docs == [] and len(rejects) == 3
    assert rejects[0].position == "line 2" and "no column 'body'" in rejects[0].reason


def test_jsonl_records():
    docs, rejects, stats = read_all(LOOSE / "records.jsonl")
    assert [d.id[:4] for d in docs] == ["rec-", "url:", "file"]
    assert docs[0].id == "rec-1" and docs[0].meta["title"] == "Заголовок"
    assert docs[0].published == datetime(2024, 11, 26, 10, 0, tzinfo=MSK)
    assert docs[2].published is None and docs[2].meta["published_raw"] == "вчера"
    assert [(r.position, r.reason.split(":")[0]) for r in rejects] == [
        ("line 4", "not valid JSON"),
        ("line 5", "a JSON line that is not an object"),
    ]
    assert stats.skipped == {"no_text": 1}


def test_jsonl_mapping_renames_fields(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"body": "Текст поста", "time": 1732615500, "uid": "p1"}\n', encoding="utf-8")
    [doc], _, _ = read_all(path, mapping={"text": "body", "published": "time", "id": "uid"})
    assert (doc.id, doc.text, doc.published) == ("p1", "Текст поста", datetime(2024, 11, 26, 10, 5, tzinfo=UTC))


def test_rss_feed():
    docs, rejects, stats = read_all(FEEDS / "lenta.rss")
    assert rejects == [] and stats.skipped == {"no_text": 1}
    first, second = docs
    assert first.text == "Курс рубля снизился после санкций против Газпромбанка."
    assert first.meta["title"] == "Рубль подешевел" and first.source == "Пример: лента"
    assert first.published == datetime(2024, 11, 26, 10, 0, tzinfo=MSK)
    assert second.text == "Саммит ОДКБ пройдёт в Астане"  # no description: the title is the text
    # the same page from a feed and from a JSONL dump (utm_* dropped) gets the same id
    assert second.id == read_all(LOOSE / "records.jsonl")[0][1].id


def test_atom_feed():
    [doc], _, _ = read_all(FEEDS / "vesti.atom")
    assert doc.text == "Песков заявил, что визит Путина в Казахстан готовится.\n\nВторой абзац."
    assert doc.meta["author"] == "Мария Иванова" and doc.url == "https://example.org/atom/1"
    assert doc.published == datetime(2024, 11, 26, 11, 45, tzinfo=MSK)


def test_opml_reads_each_feed_and_rejects_the_missing_one():
    docs, rejects, _ = read_all(FEEDS / "list.opml")
    assert len(docs) == 3
    assert len(rejects) == 1 and rejects[0].path.endswith("missing.rss")


def test_saved_html_article_field_sources():
    [doc], rejects, _ = read_all(LOOSE / "article.html")
    assert rejects == []
    assert "Владимир Путин 27–28 ноября посетит Казахстан" in doc.text
    assert "Главная" not in doc.text  # navigation left out by trafilatura
    assert doc.url == "https://example.ru/news/2024/11/26/kazakh" and doc.id.startswith("url:")
    assert doc.published == datetime(2024, 11, 26, 10, 15, tzinfo=MSK)
    assert doc.meta["author"] == "Иван Петров"
    assert doc.meta["field_sources"] == {
        "url": "comment[saved from url]",
        "published": "meta[article:published_time]",
        "author": "meta[author]",
        "title": "title",
        "text": "trafilatura",
    }


def test_csv_of_telegram_posts_gets_telegram_ids(tmp_path):
    path = tmp_path / "scraped.csv"
    path.write_text(
        "channel_id,message_id,date,text\n-1001234567890,12,2024-11-26T11:00:00Z,Уточнение.\n", encoding="utf-8"
    )
    [doc], _, _ = read_all(path)
    assert doc.id == "tg:1234567890:12"  # the same id as the desktop export's message 12
    assert (doc.meta["channel_key"], doc.meta["message_id"]) == ("1234567890", 12)


def test_json_array_of_articles(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(
        '[{"id": "a1", "text": "Первая."}, 7, {"text": "Вторая.", "url": "https://example.ru/2"}]', encoding="utf-8"
    )
    docs, [rej], _ = read_all(path)
    assert [d.id for d in docs] == ["a1", url_id("https://example.ru/2")]
    assert [d.meta["reader"] for d in docs] == ["jsonl", "jsonl"]
    assert (rej.position, rej.reason) == ("record 2", "a record that is not an object")
