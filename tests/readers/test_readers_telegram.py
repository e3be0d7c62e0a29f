"""Hand-built Telegram fixtures for the newer export layout (tests/data/readers/README.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sverka.doc import Document
from sverka.readers import ReadStats, Reject, read

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "readers"
CHANNEL = FIXTURES / "channel_export"


def read_all(path, **kwargs):
    stats = ReadStats()
    items = list(read(path, stats=stats, **kwargs))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Reject)], stats


@pytest.fixture(scope="module")
def channel():
    return read_all(CHANNEL / "result.json")


def test_channel_export_counts(channel):
    docs, rejects, stats = channel
    assert [d.id for d in docs] == ["tg:1234567890:10", "tg:1234567890:11", "tg:1234567890:12", "tg:1234567890:17"]
    assert stats.skipped == {"service": 1, "unsupported": 1, "no_text": 1}  # the video-only post
    assert [(r.position, r.reason) for r in rejects] == [
        ("message 15", "malformed message: text is neither a string nor a list of parts")
    ]
    assert rejects[0].path.endswith("result.json")


def test_text_entities_keep_every_link(channel):
    doc = channel[0][0]
    assert (
        doc.text == "Минобороны сообщило об отражении атаки. ИСТОЧНИК\n#новости @example_channel https://example.com/a"
    )
    got = [(lk["kind"], doc.text[lk["start"] : lk["end"]], lk["url"]) for lk in doc.meta["links"]]
    assert got == [
        ("text_link", "ИСТОЧНИК", "https://example.org/source/1"),
        ("hashtag", "#новости", None),
        ("mention", "@example_channel", "https://t.me/example_channel"),
        ("link", "https://example.com/a", "https://example.com/a"),
    ]


def test_channel_message_fields(channel):
    post, fwd, reply, poll = channel[0]
    assert post.published == datetime(2024, 11, 26, 10, 5, tzinfo=UTC)  # date_unixtime, not local `date`
    assert "time_ambiguous" not in post.meta
    assert post.meta["edited"] == "2024-11-26T10:20:00+00:00"
    assert post.meta["author"] == "Иван Петров"
    assert post.meta["reactions"] == {"👍": 12, "🤔": 3, "custom:5368324170671202286": 2}
    assert post.meta["media"] == "photo"
    assert post.url == "https://t.me/c/1234567890/10"
    assert (post.source, post.meta["channel_id"], post.meta["chat_type"]) == (
        "Проверочный канал",
        "1234567890",
        "public_channel",
    )
    assert fwd.meta["forwarded_from"] == "Другой канал"
    assert fwd.text == "Срочно: в Астане пройдёт саммит ОДКБ."
    assert reply.meta["reply_to"] == 10
    assert (poll.text, poll.meta["media"]) == ("Верите ли вы прогнозам?\n- Да\n- Нет", "poll")


def test_local_date_without_unixtime_uses_tz(tmp_path):
    (tmp_path / "result.json").write_text(
        '{"name": "X", "type": "private_group", "id": 5, "messages": '
        '[{"id": 1, "type": "message", "date": "2024-11-26T13:05:00", "text": "Привет"}]}',
        encoding="utf-8",
    )
    docs, _, _ = read_all(tmp_path / "result.json", tz="Europe/Moscow")
    assert docs[0].published == datetime(2024, 11, 26, 10, 5, tzinfo=UTC)
    assert docs[0].meta["time_ambiguous"] is True


def test_html_export_matches_json_export(channel):
    html_docs, rejects, stats = read_all(CHANNEL / "messages.html")
    assert rejects == [] and stats.skipped == {"service": 1, "no_text": 1}  # no unsupported/poll in HTML
    json_docs = channel[0]
    assert [d.id for d in html_docs] == [d.id for d in json_docs]
    for h, j in zip(html_docs, json_docs, strict=True):
        assert (h.text, h.published, h.url, h.source) == (j.text, j.published, j.url, j.source)
        for key in ("links", "author", "forwarded_from", "reply_to", "media", "from", "chat_type"):
            assert h.meta.get(key) == j.meta.get(key), key
    assert html_docs[0].meta["reactions"] == {"👍": 12, "🤔": 3}  # custom emoji are images in HTML


def test_html_without_result_json_keys_by_name(tmp_path):
    page = tmp_path / "messages.html"
    page.write_bytes((CHANNEL / "messages.html").read_bytes())
    docs, _, _ = read_all(page)
    assert docs[0].id == "tg:name.проверочный_канал:10"
    assert docs[0].url is None and "channel_id" not in docs[0].meta


def test_export_folder_prefers_result_json():
    docs, _, stats = read_all(CHANNEL)
    assert stats.files == 1 and {d.meta["reader"] for d in docs} == {"telegram_json"}


def test_full_account_export():
    docs, rejects, stats = read_all(FIXTURES / "full_account")
    assert rejects == []
    assert [d.id for d in docs] == ["tg:111:7", "tg:555:1", "tg:555:3", "tg:777:5", "tg:999:101"]
    assert stats.skipped == {"service": 2}
    assert [d.source for d in docs] == [None, "Пётр", "Пётр", "Обсуждение новостей", "Старый канал"]
    assert docs[2].meta["reply_to"] == 1
    assert docs[4].meta["chat_type"] == "public_channel"  # from left_chats


def test_telethon_dump_merges_with_desktop_export(channel):
    docs, rejects, stats = read_all(FIXTURES / "telethon_dump.jsonl")
    assert [d.id for d in docs] == ["tg:1234567890:10", "tg:1234567890:12", "tg:1234567890:21"]
    assert {d.id for d in docs} & {d.id for d in channel[0]} == {"tg:1234567890:10", "tg:1234567890:12"}
    assert [r.position for r in rejects] == ["line 4", "line 5"]
    assert "message id" in rejects[0].reason and "not valid JSON" in rejects[1].reason
    assert stats.skipped == {"no_text": 1}
    first = docs[0]
    assert (first.meta["views"], first.meta["forwards"], first.meta["author"]) == (1500, 12, "Иван Петров")
    assert first.meta["edited"] == "2024-11-26T10:20:00+00:00"
    assert docs[1].meta["reply_to"] == 10
    assert docs[2].meta["time_ambiguous"] is True
    assert first.meta["reactions"] == {"👍": 12, "custom:5368324170671202286": 2}  # as the export reader names them
    [fwd], _, _ = read_all(FIXTURES / "telethon_forward.json")
    assert fwd.id == "tg:1234567890:22" and fwd.meta["forwarded_from_id"] == "1987654321"
    assert "forwarded_from" not in fwd.meta  # the origin did not hide behind a name


def test_truncated_export_keeps_what_came_before(tmp_path):
    data = (CHANNEL / "result.json").read_bytes()
    cut = tmp_path / "result.json"
    cut.write_bytes(data[: data.index(b'"id": 12,')])  # the export stops inside message 12
    docs, rejects, _ = read_all(cut)
    assert [d.id for d in docs] == ["tg:1234567890:10", "tg:1234567890:11"]
    assert [r.position for r in rejects] == ["after message 11"]
    assert "is the export complete?" in rejects[0].reason


def test_json_that_is_not_an_export(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"foo": [1, 2]}', encoding="utf-8")
    _, [rej], _ = read_all(path, fmt="telegram_json")
    assert rej.reason.startswith("not a Telegram Desktop export")


def test_truncated_telethon_array(tmp_path):
    posts = [
        {
            "message_id": i,
            "sender_id": -1001234567890,
            "text": f"Пост {i}",
            "date": "2024-11-26T10:00:00+00:00",
            "channel": "Проверочный канал",
        }
        for i in (1, 2, 3)
    ]
    text = json.dumps(posts, ensure_ascii=False, indent=4)
    path = tmp_path / "1001234567890_messages.json"
    path.write_text(text[: text.index('"message_id": 3')], encoding="utf-8")
    docs, rejects, _ = read_all(path)
    assert [d.id for d in docs] == ["tg:1234567890:1", "tg:1234567890:2"]
    assert [r.position for r in rejects] == ["after record 2"]


def test_html_export_split_into_pages(tmp_path):
    """Telegram Desktop writes 1000 messages per page: messages.html, messages2.html, ..."""
    page = (CHANNEL / "messages.html").read_text(encoding="utf-8")
    head, rest = page.split('     <div class="message default clearfix joined" id="message11">', 1)
    tail = "    </div>\n   </div>\n  </div>\n </body>\n</html>\n"
    (tmp_path / "messages.html").write_text(head + tail, encoding="utf-8")
    (tmp_path / "messages2.html").write_text(
        head.split('<div class="history">')[0]
        + '<div class="history">\n'
        + '     <div class="message default clearfix joined" id="message11">'
        + rest,
        encoding="utf-8",
    )
    (tmp_path / "result.json").unlink(missing_ok=True)
    docs, rejects, stats = read_all(tmp_path)
    assert rejects == [] and stats.files == 2
    assert [d.id for d in docs] == [f"tg:name.проверочный_канал:{m}" for m in (10, 11, 12, 17)]
    pages = [d.meta["input_file"].rsplit("/", 1)[1] for d in docs]
    assert pages == ["messages.html"] + ["messages2.html"] * 3


def test_html_nested_too_deep_is_reported_not_lost_silently(tmp_path):
    page = (CHANNEL / "messages.html").read_text(encoding="utf-8")
    at = page.index("Минобороны")
    (tmp_path / "messages.html").write_text(
        page[:at] + "<b>" * 5000 + "x" + "</b>" * 5000 + page[at:], encoding="utf-8"
    )
    docs, rejects, _ = read_all(tmp_path / "messages.html")
    assert docs == []
    assert [r.reason.split(" (")[0] for r in rejects] == ["HTML parsing stopped early"]
    assert rejects[0].position.startswith("line ")


def test_tme_s_web_preview():
    docs, rejects, stats = read_all(FIXTURES / "web" / "tme_s_channel.html")
    assert rejects == [] and stats.skipped == {"service": 1, "no_text": 1}
    assert [d.id for d in docs] == ["tg:@testchannel_ru:10", "tg:@testchannel_ru:11", "tg:@testchannel_ru:12"]
    post, fwd, reply = docs
    json_post = read_all(CHANNEL / "result.json")[0][0]
    assert post.text == json_post.text and post.published == json_post.published
    assert post.meta["links"] == json_post.meta["links"]  # the same post, the same links as in the export
    assert (post.meta["author"], post.meta["views"], post.meta["media"]) == ("Иван Петров", 15300, "photo")
    assert post.url == "https://t.me/TestChannel_ru/10"
    assert fwd.meta["forwarded_from"] == "Другой канал" and fwd.source == "Проверочный канал"
    assert reply.text == "Уточнение: атака была отражена ночью."  # not the quoted text of the replied post
    assert (reply.meta["reply_to"], reply.meta["views"]) == (10, 1_200_000)
