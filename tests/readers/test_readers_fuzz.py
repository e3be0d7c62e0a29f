"""Property tests: mangled JSON, HTML, CSV and random bytes given to every reader directly (without the
safety net of `read()`): no exception escapes, only Documents or Rejects with reasons come out."""

from __future__ import annotations

import gzip
import importlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sverka.doc import Document
from sverka.readers import FORMATS, Reject
from sverka.readers.common import Options

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "readers"
SEEDS = [
    FIXTURES / "channel_export" / "result.json",
    FIXTURES / "channel_export" / "messages.html",
    FIXTURES / "full_account" / "result.json",
    FIXTURES / "telethon_dump.jsonl",
    FIXTURES / "loose" / "posts.csv",
    FIXTURES / "loose" / "records.jsonl",
    FIXTURES / "loose" / "article.html",
    FIXTURES / "feeds" / "lenta.rss",
    FIXTURES / "feeds" / "list.opml",
    FIXTURES / "web" / "tme_s_channel.html",
]
READERS = {name: importlib.import_module(f"sverka.readers.{name}") for name in FORMATS}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# JSON values shaped like the exports, so the fuzzer reaches past the first isinstance check.
KEYS = st.sampled_from(
    [
        "messages",
        "chats",
        "left_chats",
        "list",
        "id",
        "type",
        "date",
        "date_unixtime",
        "text",
        "text_entities",
        "href",
        "from",
        "reactions",
        "count",
        "emoji",
        "edited",
        "message_id",
        "sender_id",
        "channel",
        "peer_id",
        "channel_id",
        "reply_to",
        "name",
        "forwarded_from",
        "reply_to_message_id",
        "media_type",
        "url",
        "published",
        "title",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["message", "service", "text_link", "public_channel"]),
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=6)),
    max_leaves=30,
)


def check(items: list) -> None:
    for item in items:
        assert isinstance(item, Document | Reject), type(item)
        if isinstance(item, Reject):
            assert item.reason and isinstance(item.position, str)
            continue
        assert isinstance(item.id, str) and item.id and item.text.strip()
        for link in item.meta.get("links", []):
            assert 0 <= link["start"] <= link["end"] <= len(item.text)


def run_all(path: Path) -> None:
    for name, module in READERS.items():
        try:
            check(list(module.read(path, Options())))
        except Exception as exc:  # pragma: no cover - the failure report
            raise AssertionError(f"{name} reader raised {type(exc).__name__}: {exc}") from exc


@st.composite
def mangled(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "truncate", "flip"]))
        if action == "cut":
            del data[pos : pos + draw(st.integers(1, 200))]
        elif action == "insert":
            data[pos:pos] = draw(st.binary(max_size=20) | st.sampled_from([b'"', b"{", b"]", b"<div>", b"\n", b";"]))
        elif action == "truncate":
            del data[pos:]
        elif data:
            data[min(pos, len(data) - 1)] = draw(st.integers(0, 255))
    return bytes(data)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@SETTINGS
@given(
    data=st.binary(max_size=2000),
    ext=st.sampled_from([".json", ".jsonl", ".html", ".csv", ".txt", ".rss", ".jsonl.gz", ".json.gz"]),
)
def test_random_bytes(work, data, ext):
    path = work / f"random{ext}"
    path.write_bytes(data)
    run_all(path)


@SETTINGS
@given(data=mangled(), gz=st.sampled_from(["", "whole", "cut"]), cut=st.floats(0.1, 0.9))
def test_mangled_fixtures(work, data, gz, cut):
    """Mangled exports, plain or gzip-compressed, and compressed ones that break off."""
    path = work / ("mangled.gz" if gz else "mangled")
    packed = gzip.compress(data) if gz else data
    path.write_bytes(packed[: int(len(packed) * cut)] if gz == "cut" else packed)
    run_all(path)


@SETTINGS
@given(value=JSONISH, lines=st.booleans())
def test_export_shaped_json(work, value, lines):
    path = work / "shaped.json"
    body = json.dumps(value, ensure_ascii=False)
    if lines and isinstance(value, list):
        body = "\n".join(json.dumps(v, ensure_ascii=False) for v in value)
    path.write_text(body, encoding="utf-8")
    run_all(path)


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=20), max_size=5), max_size=6), sep=st.sampled_from([",", ";", "\t"]))
def test_random_csv(work, rows, sep):
    path = work / "random.csv"
    path.write_text("\n".join(sep.join(row) for row in rows), encoding="utf-8", errors="surrogatepass")
    run_all(path)
