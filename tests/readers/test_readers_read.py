"""The entry point: sniffing, directories, options, bounds, and what becomes a Reject."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sverka.doc import Document
from sverka.errors import ConfigError
from sverka.readers import FORMATS, ReadStats, Reject, read
from sverka.readers.common import MAX_TEXT_CHARS, channel_key, text_id, url_id
from sverka.readers.sniff import sniff

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "readers"


def read_all(path, **kwargs):
    stats = ReadStats()
    items = list(read(path, stats=stats, **kwargs))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Reject)], stats


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("channel_export/result.json", "telegram_json"),
        ("channel_export/messages.html", "telegram_html"),
        ("full_account/result.json", "telegram_json"),
        ("telethon_dump.jsonl", "telethon"),
        ("loose/records.jsonl", "jsonl"),
        ("loose/posts.csv", "csv"),
        ("loose/cp1251.txt", "text"),
        ("loose/note.md", "text"),
        ("loose/article.html", "html"),
        ("feeds/lenta.rss", "rss"),
        ("feeds/vesti.atom", "rss"),
        ("feeds/list.opml", "rss"),
        ("web/tme_s_channel.html", "telegram_web"),
    ],
)
def test_sniff(path, fmt):
    assert sniff(FIXTURES / path) == fmt


def test_sniff_by_content_when_the_name_says_nothing(tmp_path):
    (tmp_path / "export").write_bytes((FIXTURES / "channel_export" / "result.json").read_bytes())
    (tmp_path / "feed").write_bytes((FIXTURES / "feeds" / "lenta.rss").read_bytes())
    (tmp_path / "dump").write_bytes((FIXTURES / "telethon_dump.jsonl").read_bytes())
    assert [sniff(tmp_path / n) for n in ("export", "feed", "dump")] == ["telegram_json", "rss", "telethon"]


def test_unknown_format_is_a_reject_that_names_the_formats(tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00\x01\x02 something")
    docs, [rej], _ = read_all(path)
    assert docs == [] and rej.path == str(path)
    assert "--format" in rej.reason and all(name in rej.reason for name in FORMATS)


def test_format_override(tmp_path):
    path = tmp_path / "post.dat"
    path.write_text("Текст без расширения.", encoding="utf-8")
    assert read_all(path)[1][0].reason.startswith("unknown format")
    [doc], [], _ = read_all(path, fmt="text")
    assert doc.text == "Текст без расширения."


def test_bad_options_raise_config_error():
    with pytest.raises(ConfigError, match="known formats"):
        read(FIXTURES, fmt="docx")
    with pytest.raises(ConfigError, match="time zone"):
        read(FIXTURES, tz="Mars/Olympus")
    with pytest.raises(ConfigError, match="--map"):
        read(FIXTURES, mapping={"body": "text"})


def test_missing_path_is_a_reject(tmp_path):
    _, [rej], _ = read_all(tmp_path / "nope.json")
    assert rej.reason == "no such file or directory"


def test_binary_file_with_a_text_name(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 4)
    _, [rej], _ = read_all(path)
    assert "binary" in rej.reason


def test_directory_walk(tmp_path):
    (tmp_path / "a.txt").write_text("Первый файл.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Скрытый.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    nested = tmp_path / "sub" / "ChatExport_2024-11-26"
    nested.mkdir(parents=True)
    for name in ("result.json", "messages.html"):
        (nested / name).write_bytes((FIXTURES / "channel_export" / name).read_bytes())
    (nested / "photos").mkdir()
    docs, rejects, stats = read_all(tmp_path)
    assert [d.meta["reader"] for d in docs] == ["text"] + ["telegram_json"] * 4
    assert len(rejects) == 1  # the malformed message of the export
    assert stats.skipped["unknown_file"] == 1 and stats.files == 2


def test_long_text_is_cut_with_a_note(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("слово " * (MAX_TEXT_CHARS // 6 + 100), encoding="utf-8")
    [doc], _, _ = read_all(path)
    assert len(doc.text) == MAX_TEXT_CHARS
    assert doc.meta["truncated_from"] == len("слово " * (MAX_TEXT_CHARS // 6 + 100))


def test_overlong_jsonl_line_is_rejected_and_the_rest_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr("sverka.readers.lines.MAX_LINE_BYTES", 200)
    path = tmp_path / "dump.jsonl"
    lines = [{"id": "a", "text": "короткая"}, {"id": "b", "text": "длинная " * 100}, {"id": "c", "text": "ещё"}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    docs, [rej], _ = read_all(path)
    assert [d.id for d in docs] == ["a", "c"]
    assert rej.position == "line 2" and "longer than" in rej.reason


def test_a_crashing_reader_becomes_a_reject(monkeypatch):
    def boom(path, opts):
        yield from ()
        raise RuntimeError("boom")

    monkeypatch.setattr("sverka.readers.text.read", boom)
    _, [rej], _ = read_all(FIXTURES / "loose" / "note.md")
    assert rej.reason == "internal error in the text reader: RuntimeError: boom"


def test_reading_twice_gives_the_same_ids():
    first = [d.id for d in read(FIXTURES) if isinstance(d, Document)]
    second = [d.id for d in read(FIXTURES) if isinstance(d, Document)]
    assert first == second and len(first) > 20


@pytest.mark.parametrize(
    ("args", "key"),
    [
        ((-1001101170442, None), "1101170442"),
        ((1101170442, "РИА Новости"), "1101170442"),
        (("channel1101170442", None), "1101170442"),
        ((None, "РИА Новости"), "name.риа_новости"),
        ((None, None), "name.unknown"),
    ],
)
def test_channel_key(args, key):
    assert channel_key(*args) == key


def test_content_ids():
    assert text_id("Путин  посетит\nКазахстан") == text_id(" Путин посетит Казахстан ")
    assert url_id("HTTPS://Example.ru/a/?utm_source=x#top") == url_id("https://example.ru/a")
    assert url_id("https://example.ru/a?id=1") != url_id("https://example.ru/a?id=2")


def test_empty_folder_is_a_reject(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    _, [rej], stats = read_all(tmp_path)
    assert rej.reason.startswith("no file of a known format") and stats.skipped["unknown_file"] == 1


@pytest.fixture
def feed_server():
    """The feeds fixture folder served on loopback: URLs without the internet."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(FIXTURES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_and_opml_from_urls(feed_server):
    docs, rejects, _ = read_all(f"{feed_server}/feeds/vesti.atom")
    assert rejects == [] and [d.meta["title"] for d in docs] == ["Песков о визите"]
    assert docs[0].meta["feed_url"] == f"{feed_server}/feeds/vesti.atom"
    docs, rejects, _ = read_all(f"{feed_server}/feeds/list.opml")  # relative xmlUrls resolve against the server
    assert len(docs) == 3 and [r.path for r in rejects] == [f"{feed_server}/feeds/missing.rss"]
    assert "404" in rejects[0].reason


def test_tme_preview_from_a_url(feed_server):
    docs, rejects, _ = read_all(f"{feed_server}/web/tme_s_channel.html", fmt="telegram_web")
    assert rejects == [] and [d.id for d in docs] == [f"tg:@testchannel_ru:{m}" for m in (10, 11, 12)]


def test_command_line_summary(capsys):
    from sverka.readers.__main__ import main

    assert main([str(FIXTURES / "loose" / "records.jsonl")]) == 1  # it has two bad lines
    err = capsys.readouterr().err
    assert "reject: " in err and "files 1  documents 3  rejects 2  skipped: no_text 1" in err
    assert main([str(FIXTURES / "feeds" / "vesti.atom"), "--jsonl"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["meta"]["author"] == "Мария Иванова"


def test_only_feeds_are_fetched():
    _, [rej], _ = read_all("https://example.org/article", fmt="html")
    assert rej.reason.startswith("only feeds, OPML lists and t.me/s/ pages")


def test_documents_are_json_and_round_trip():
    docs = [d for d in read(FIXTURES) if isinstance(d, Document)]
    for doc in docs:
        data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))  # meta is plain JSON, no datetimes
        assert Document.from_dict(data) == doc
        assert doc.published is None or doc.published.tzinfo is not None  # never naive


@pytest.mark.parametrize(
    ("name", "body", "docs_after"),
    [
        ("deep.json", '{"messages": [{"id": 1, "type": "message", "text": %s}]}', 0),
        ("array.json", '[{"message_id": 1, "text": %s}]', 0),
        ("lines.jsonl", '{"a": %s}\n{"id": "ok", "text": "после"}\n', 1),
    ],
)
def test_hostile_nesting_is_rejected(tmp_path, name, body, docs_after):
    path = tmp_path / name
    path.write_text(body % ("[" * 100_000 + "]" * 100_000), encoding="utf-8")
    docs, [rej], _ = read_all(path)
    assert len(docs) == docs_after and "nested" in rej.reason


def test_formats_and_meta_keys_are_documented():
    """Docs that cannot drift: every format in docs/readers.md, every meta key in base.py's table."""
    import re

    from sverka.config import REPO_DIR
    from sverka.readers import base

    guide = (REPO_DIR / "docs" / "readers.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in guide for name in FORMATS)
    documented = {
        key for row in re.findall(r"^\| (.+?) \|", base.__doc__, re.MULTILINE) for key in re.findall(r"`(\w+)`", row)
    }
    emitted = {key for d in read(FIXTURES) if isinstance(d, Document) for key in d.meta}
    assert emitted - documented == set()


@pytest.mark.parametrize(
    ("source", "name", "count"),
    [
        ("channel_export/result.json", "result.json.gz", 4),
        ("telethon_dump.jsonl", "dump.jsonl.gz", 3),
        ("telethon_forward.json", "forward.json.gz", 1),
        ("loose/records.jsonl", "records.jsonl.gz", 3),
        ("loose/posts.csv", "posts.csv.gz", 2),
        ("loose/cp1251.txt", "cp1251.txt.gz", 1),
        ("loose/article.html", "article.html.gz", 1),
        ("feeds/lenta.rss", "lenta.rss.gz", 2),
    ],
)
def test_gzip_inputs_read_like_plain_files(tmp_path, source, name, count):
    import gzip

    mapping = {"text": "текст"} if name.startswith("posts") else None
    plain, _, _ = read_all(FIXTURES / source, mapping=mapping)
    (tmp_path / name).write_bytes(gzip.compress((FIXTURES / source).read_bytes()))
    docs, _, _ = read_all(tmp_path / name, mapping=mapping)
    assert len(docs) == count
    assert [(d.id, d.text) for d in docs] == [(d.id, d.text) for d in plain]


def test_truncated_gzip_keeps_what_came_before(tmp_path):
    import gzip

    lines = "".join(
        json.dumps({"id": f"r{i}", "text": f"запись {i} " * 50}, ensure_ascii=False) + "\n" for i in range(2000)
    )
    data = gzip.compress(lines.encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    docs, [rej], _ = read_all(tmp_path / "cut.jsonl.gz")
    assert 0 < len(docs) < 2000 and docs[0].id == "r0"
    assert rej.reason.startswith("the file breaks off")


def test_sniff_full_account_export_with_a_long_preamble(tmp_path):
    """Thousands of contacts come before "chats" in a full-account export: past the sniffing window."""
    data = json.loads((FIXTURES / "full_account" / "result.json").read_text(encoding="utf-8"))
    contacts = [
        {"first_name": f"Имя{i}", "last_name": "", "phone_number": "+7", "date": "2024-01-01T00:00:00"}
        for i in range(3000)
    ]
    data = {
        "about": data["about"],
        "personal_information": data["personal_information"],
        "contacts": {"about": "", "list": contacts},
        "chats": data["chats"],
        "left_chats": data["left_chats"],
    }
    for name in ("result.json", "export.json"):
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        assert sniff(tmp_path / name) == "telegram_json"
    docs, rejects, _ = read_all(tmp_path / "export.json")
    assert len(docs) == 5 and rejects == []


def test_symlink_loops_and_pipes_do_not_hang(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Текст.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(tmp_path / "pipe.txt")
    docs, rejects, stats = read_all(tmp_path)
    assert [d.text for d in docs] == ["Текст."] and rejects == []
    assert stats.skipped["unknown_file"] == 1  # the pipe
    _, [rej], _ = read_all(tmp_path / "pipe.txt")
    assert rej.reason.startswith("not a regular file")
