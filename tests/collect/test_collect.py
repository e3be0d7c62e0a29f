"""The collector through its real code path, on real Telethon objects served by an in-process stand-in."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

pytest.importorskip("telethon")
from telegram_standin import BASE, StandIn, channel, post
from telethon.tl import types

from sverka.collect.collector import CollectOptions
from sverka.collect.run import channel_ref, collect_round, read_watchlist
from sverka.collect.state import last_collected
from sverka.ingest import ingest
from sverka.store import Store
from sverka.store import schema as t

RIA, OTHER = 1101170442, 1036240821


def rich_posts() -> list[types.Message]:
    """Posts with what a channel carries: formatting, links after an emoji, forwards, replies, media."""
    video = types.Document(id=1, access_hash=2, file_reference=b"\x00\x01", date=BASE, mime_type="video/mp4",
                           size=2_345_678, dc_id=2,
                           attributes=[types.DocumentAttributeVideo(duration=12.5, w=640, h=360)])
    text = "🇷🇺 Путин провел совещание с Совбезом. Подробнее на сайте"
    link_at = len(text.encode("utf-16-le")) // 2 - len("на сайте")
    return [
        post(RIA, 10, text, views=1500, forwards=12,
             entities=[types.MessageEntityBold(offset=0, length=4),
                       types.MessageEntityTextUrl(offset=link_at, length=8, url="https://ria.ru/x")],
             reactions=types.MessageReactions(results=[
                 types.ReactionCount(reaction=types.ReactionEmoji(emoticon="👍"), count=5)])),
        post(RIA, 11, "Токаев прибыл в Москву", media=types.MessageMediaDocument(document=video, video=True),
             reply_to=types.MessageReplyHeader(reply_to_msg_id=10)),
        post(RIA, 12, "Минобороны сообщило об отражении атаки",
             fwd_from=types.MessageFwdHeader(date=BASE, from_id=types.PeerChannel(OTHER), channel_post=77)),
        post(RIA, 13, "", media=types.MessageMediaPhoto(photo=types.Photo(
            id=5, access_hash=6, file_reference=b"", date=BASE, dc_id=2,
            sizes=[types.PhotoSize(type="x", w=1280, h=720, size=99_000)]))),
    ]


def standin() -> StandIn:
    client = StandIn()
    client.add(channel(RIA, "РИА Новости", "rian_ru"), rich_posts())
    return client


def run(client: StandIn, tmp: Path, refs: list[str], **opts: object):
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    result = collect_round(client, refs, db=str(tmp / "c.db"), archive=tmp / "archive",
                           opts=CollectOptions(**opts), analyse=False, sleep=sleep)  # type: ignore[arg-type]
    return result, slept


def documents(db: Path) -> dict[str, dict]:
    store = Store(str(db))
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.documents.c.id, t.documents.c.text, t.documents.c.published,
                                   t.documents.c.channel_id, t.documents.c.meta)).all()
    store.close()
    drop = {"input_file", "position"}  # where the record was read from differs by design
    return {r.id: {"text": r.text, "published": r.published, "channel": r.channel_id,
                   "meta": {k: v for k, v in r.meta.items() if k not in drop}} for r in rows}


def test_collected_posts_keep_what_telegram_gives(tmp_path: Path) -> None:
    result, _ = run(standin(), tmp_path, ["@rian_ru"], media_meta=True)
    assert [c.error for c in result.collected.channels] == [None]
    assert result.ingested.counts["new"] == 3  # the photo without text is skipped as no_text
    docs = documents(tmp_path / "c.db")
    first = docs[f"tg:{RIA}:10"]
    assert first["channel"] == f"tg:{RIA}"
    assert first["meta"]["views"] == 1500 and first["meta"]["reactions"] == {"👍": 5}
    link = next(x for x in first["meta"]["links"] if x["kind"] == "text_link")
    assert first["text"][link["start"]:link["end"]] == "на сайте" and link["url"] == "https://ria.ru/x"
    assert docs[f"tg:{RIA}:11"]["meta"]["media"] == {"type": "document", "mime_type": "video/mp4",
                                                     "size": 2_345_678, "duration": 12.5, "w": 640, "h": 360}
    assert docs[f"tg:{RIA}:11"]["meta"]["reply_to"] == 10
    assert docs[f"tg:{RIA}:12"]["meta"]["forwarded_from_id"] == str(OTHER)
    archived = (tmp_path / "archive" / str(RIA)).glob("*.jsonl")
    lines = [json.loads(x) for f in archived for x in f.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4 and "file_reference" not in json.dumps(lines)  # metadata only, never file bytes


def test_a_telethon_json_dump_of_the_same_messages_gives_identical_documents(tmp_path: Path) -> None:
    run(standin(), tmp_path, ["@rian_ru"], media_meta=True)
    dump = tmp_path / "dump.json"  # what a Telethon script writes: to_json() of each message, with the channel
    dump.write_text(json.dumps([{**json.loads(m.to_json()), "channel": "РИА Новости", "channel_username": "rian_ru"}
                                for m in rich_posts()], ensure_ascii=False), encoding="utf-8")
    ingest([dump], db=str(tmp_path / "dump.db"), analyse=False)
    collected, dumped = documents(tmp_path / "c.db"), documents(tmp_path / "dump.db")
    assert collected == dumped and len(collected) == 3


def test_rerun_adds_nothing_and_a_later_run_only_what_is_new_and_edited(tmp_path: Path) -> None:
    client = standin()
    run(client, tmp_path, ["@rian_ru"])
    again, _ = run(client, tmp_path, ["@rian_ru"])
    assert again.collected.channels[0].fetched == 0 and again.ingested.documents == 0
    assert client.calls[-1]["min_id"] == 13  # resumes after the last stored message, not from the start

    edited = client.history[RIA][0]
    edited.message = "Путин провел оперативное совещание с Совбезом. Подробнее на сайте"
    edited.edit_date = BASE + timedelta(hours=5)
    client.history[RIA].append(post(RIA, 14, "Песков: Кремль пока не планирует контактов"))
    later, _ = run(client, tmp_path, ["@rian_ru"], edits_since=BASE)  # posts of the window are read again
    chan = later.collected.channels[0]
    assert (chan.fetched, chan.edited) == (1, 1)
    assert later.ingested.counts["new"] == 1 and later.ingested.counts["edited"] == 1
    store = Store(str(tmp_path / "c.db"))
    with store.engine.connect() as conn:
        revisions = conn.execute(select(t.revisions.c.document_id)).scalars().all()
        assert len(conn.execute(select(t.documents.c.id)).all()) == 4
    assert f"tg:{RIA}:10" in revisions
    seen = last_collected(store.engine)
    store.close()
    assert seen[f"tg:{RIA}"]["last_message_id"] == 14 and seen[f"tg:{RIA}"]["name"] == "РИА Новости"


def test_flood_wait_is_slept_out_and_nothing_is_lost_or_doubled(tmp_path: Path) -> None:
    client = standin()
    client.flood_after, client.flood_seconds = 2, 31
    result, slept = run(client, tmp_path, ["@rian_ru"])
    chan = result.collected.channels[0]
    assert slept == [32] and chan.waited == 31 and chan.error is None
    assert chan.fetched == 4 and client.calls[-1]["min_id"] == 11  # went on after the last message received
    assert sorted(documents(tmp_path / "c.db")) == [f"tg:{RIA}:{i}" for i in (10, 11, 12)]


def test_private_and_gone_channels_are_rejected_and_the_others_go_on(tmp_path: Path) -> None:
    client = standin()
    client.private.add("@closed")
    result, _ = run(client, tmp_path, ["@closed", "@renamed_long_ago", "@rian_ru"])
    errors = {c.ref: c.error for c in result.collected.channels}
    assert "private" in errors["@closed"] and "no channel" in errors["@renamed_long_ago"]
    assert errors["@rian_ru"] is None and result.ingested.counts["new"] == 3


def test_watchlist_and_channel_references(tmp_path: Path) -> None:
    watchlist = tmp_path / "channels.txt"
    watchlist.write_text("# state media\n@rian_ru\nhttps://t.me/s/bbcrussian\nt.me/mash/123  # a post link\n\n",
                         encoding="utf-8")
    assert read_watchlist(watchlist) == ["@rian_ru", "@bbcrussian", "@mash"]
    assert channel_ref("1101170442") == "1101170442"


def test_stats_shows_when_each_channel_was_last_collected(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sverka.cli.main import app

    run(standin(), tmp_path, ["@rian_ru"])
    result = CliRunner().invoke(app, ["stats", "--db", str(tmp_path / "c.db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    seen = json.loads(result.stdout)["collected"][f"tg:{RIA}"]
    assert seen["last_message_id"] == 13 and seen["collected"].startswith("20")


def test_watch_once_collects_ingests_and_links_through_the_cli(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from sverka.cli.main import app
    from sverka.collect import session

    client = standin()
    client.private.add("@closed")
    monkeypatch.setattr(session, "make_client", lambda *args: client)  # the socket is the only thing absent
    monkeypatch.setenv("SVERKA_TG_API_ID", "12345")
    monkeypatch.setenv("SVERKA_TG_API_HASH", "0123456789abcdef")
    (tmp_path / "s.session").write_text("", encoding="utf-8")
    watchlist = tmp_path / "channels.txt"
    watchlist.write_text("@rian_ru\n@closed\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    args = ["watch", str(watchlist), "--once", "--db", db, "--session", str(tmp_path / "s.session"),
            "--archive", str(tmp_path / "archive")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # one channel was rejected
    assert "private" in result.output and "@rian_ru: 4 new" in result.output
    assert "0123456789abcdef" not in result.output  # the api_hash is never printed
    assert sorted(documents(tmp_path / "w.db")) == [f"tg:{RIA}:{i}" for i in (10, 11, 12)]
    again = CliRunner().invoke(app, args)
    assert "0 new" in again.output and len(documents(tmp_path / "w.db")) == 3
