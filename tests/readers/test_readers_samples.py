"""Every real export under ../shared/data/samples reads with exact counts (see samples/README.md)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from sverka.config import shared_dir
from sverka.doc import Document
from sverka.readers import ReadStats, Reject, read

SAMPLES = shared_dir() / "data" / "samples"
TDESKTOP = SAMPLES / "telegram" / "tdesktop_export_test_group_2022"
NKTKLN = SAMPLES / "telegram" / "nktkln_channels_2024-11-26"
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"shared samples not found at {SAMPLES}")

# file: (channel, posts, links kept by kind: Markdown [label](url) links, bare URLs, #tags, @mentions)
NKTKLN_FILES = {
    "1001101170442_messages.json": ("РИА Новости", 82, {"text_link": 4}),
    "1001003921752_messages.json": ("BBC News | Русская служба", 38, {"text_link": 33, "url": 7}),
    "1001117628569_messages.json": ("Mash", 20, {"text_link": 27, "url": 1}),
    "1001100158992_messages.json": ("SHOT", 19, {"text_link": 41, "url": 3, "hashtag": 1}),
    "1001394050290_messages.json": ("Раньше всех. Ну почти.", 84, {"text_link": 8}),
    "1001166834860_messages.json": ("Ньюсач/Двач", 59, {"text_link": 6, "hashtag": 1}),
    "1001754252633_messages.json": ("Топор Live", 86, {"text_link": 100}),
    "1001136626166_messages.json": ("Банкста", 74, {"text_link": 22, "url": 4, "mention": 66}),  # "@banksta" sign-off
}


def read_all(path, **kwargs):
    stats = ReadStats()
    items = list(read(path, stats=stats, **kwargs))
    docs = [i for i in items if isinstance(i, Document)]
    rejects = [i for i in items if isinstance(i, Reject)]
    return docs, rejects, stats


@pytest.mark.parametrize("name", ["result.json", "messages.html"])
def test_tdesktop_export_counts(name):
    docs, rejects, stats = read_all(TDESKTOP / name)
    assert rejects == []
    assert [d.id for d in docs] == [f"tg:123456789:{m}" for m in (426597, 428640, 428641, 428642, 428649)]
    assert stats.skipped == {"service": 4, "no_text": 3}  # create/invite/invite/remove; voice, gif, sticker
    assert sum(len(d.meta.get("links", [])) for d in docs) == 2
    assert {d.source for d in docs} == {"Test 2022"}
    assert all(d.meta["time_ambiguous"] for d in docs)  # the 2022 export has no date_unixtime


def test_tdesktop_old_layout_text_parts_and_links():
    docs, _, _ = read_all(TDESKTOP / "result.json")
    first = docs[0]
    assert first.text == "Your user ID: 123456789\nCurrent chat ID: -123456789"
    assert first.published == datetime(2022, 3, 16, 19, 24, 40, tzinfo=UTC)
    links = docs[1].meta["links"]
    assert [(link["kind"], link["url"]) for link in links] == [
        ("link", "http://www.example.com/"),
        ("link", "tg://user?id=123456789)"),
    ]
    assert all(docs[1].text[link["start"] : link["end"]] == link["text"] for link in links)
    assert docs[1].meta["media"] == "photo"
    assert docs[4].meta["media"] == "file"


def test_tdesktop_json_and_html_give_the_same_documents():
    json_docs, _, _ = read_all(TDESKTOP / "result.json")
    html_docs, _, _ = read_all(TDESKTOP / "messages.html")
    assert [d.id for d in json_docs] == [d.id for d in html_docs]
    for a, b in zip(json_docs, html_docs, strict=True):
        assert a.text.split() == b.text.split()
        assert a.published == b.published
        assert a.source == b.source
        assert a.meta.get("links") == b.meta.get("links")
        assert a.meta.get("from") == b.meta.get("from")  # the joined last message inherits its sender


def test_tdesktop_export_folder_reads_result_json_once():
    docs, rejects, stats = read_all(TDESKTOP)
    assert (len(docs), rejects, stats.files) == (5, [], 1)
    assert {d.meta["reader"] for d in docs} == {"telegram_json"}


@pytest.mark.parametrize("name", sorted(NKTKLN_FILES))
def test_nktkln_channel_files(name):
    channel, posts, links = NKTKLN_FILES[name]
    docs, rejects, stats = read_all(NKTKLN / name)
    assert rejects == [] and not stats.skipped
    assert len(docs) == posts
    assert {d.source for d in docs} == {channel}
    bare = name.split("_")[0][3:]  # "1001101170442" -> "1101170442", as Telethon's -100 prefix
    assert all(d.id == f"tg:{bare}:{d.meta['message_id']}" for d in docs)
    assert all(
        d.published.date().isoformat() == "2024-11-26" and d.published.utcoffset().total_seconds() == 0 for d in docs
    )
    assert Counter(link["kind"] for d in docs for link in d.meta.get("links", [])) == links
    for doc in docs:
        assert "](" not in doc.text  # Telethon's Markdown links became plain text + links
        for link in doc.meta.get("links", []):
            assert doc.text[link["start"] : link["end"]] == link["text"]


def test_nktkln_folder_totals():
    docs, rejects, stats = read_all(NKTKLN)
    assert (len(docs), len(rejects), stats.files) == (462, 0, 8)
    assert len({d.id for d in docs}) == 462


def test_news_articles_through_jsonl_default_mapping():
    docs, rejects, stats = read_all(SAMPLES / "news" / "articles.jsonl")
    assert rejects == [] and len(docs) == 226 and not stats.skipped
    assert sum(d.id.startswith("wikinews-nerel-") for d in docs) == 211
    assert sum(d.id.startswith("meduza-golunov-") for d in docs) == 15
    wiki = next(d for d in docs if d.id.startswith("wikinews-"))
    assert wiki.published is None and wiki.url.startswith("https://ru.wikinews.org/wiki/")
    assert wiki.meta["title"] and wiki.source.startswith("Викиновости")
    meduza = [d for d in docs if d.id.startswith("meduza-")]
    assert all(d.published is not None and d.url is None for d in meduza)
    assert all(d.meta["reader"] == "jsonl" for d in docs)


def test_whole_samples_folder():
    docs, rejects, stats = read_all(SAMPLES)
    # README.md + 1 tdesktop export + 8 Telethon dumps + articles.jsonl
    assert (stats.files, len(rejects)) == (11, 0)
    assert len(docs) == 1 + 5 + 462 + 226
    assert stats.skipped == {"service": 4, "no_text": 3}
