"""One database for the web tests, built once per session from ../shared/data/samples/.

Two channels (РИА Новости, Mash) and a hand-written hostile post are ingested with analysis and
linked (`sverka.link`, when installed); every other sample is added with --no-analyze, so search,
facets and sources see the whole sample set while the suite stays around a minute.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sverka.store import Store
from sverka.web import create_app

ANALYSED = ["1001101170442_messages.json", "1001117628569_messages.json"]  # РИА Новости, Mash
XSS_CHANNEL = "Канал <b>проверки</b>"
XSS_ID = "tg:777001:1"
XSS_PARTS = [
    "Путин заявил <script>alert('xss')</script> и ",
    {"type": "text_link", "text": "ИСТОЧНИК", "href": "javascript:alert(document.cookie)"},
    " <img src=x onerror=alert(1)> ",
    {"type": "text_link", "text": "подробнее", "href": "https://example.org/news?a=1&b=\"><svg/onload=alert(2)>"},
    " \"><a href=\"javascript:alert(3)\">клик</a> во вторник в Москве.",
]


def hostile_export(folder: Path) -> Path:
    """A Telegram Desktop channel export whose post, link hrefs and channel name try to inject HTML."""
    text = "".join(p if isinstance(p, str) else p["text"] for p in XSS_PARTS)
    entities = [{"type": "plain", "text": p} if isinstance(p, str) else p for p in XSS_PARTS]
    message = {"id": 1, "type": "message", "date": "2024-11-26T10:00:00", "date_unixtime": "1732615200",
               "from": XSS_CHANNEL, "from_id": "channel777001", "text": XSS_PARTS, "text_entities": entities}
    assert text  # the reader joins the parts back into this text
    folder.mkdir(parents=True, exist_ok=True)
    data = {"name": XSS_CHANNEL, "type": "public_channel", "id": 777001, "messages": [message]}
    (folder / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def samples(shared: Path) -> Path:
    return shared / "data" / "samples"


@pytest.fixture(scope="session")
def web_db(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    from sverka.ingest import ingest

    root = tmp_path_factory.mktemp("web")
    path = Path(os.environ.get("SVERKA_WEB_TEST_DB") or root / "web.db")  # set it to keep the database
    url = f"sqlite:///{path}"
    if path.exists():  # built by an earlier run with the same SVERKA_WEB_TEST_DB: faster local runs
        return url
    telegram = samples / "telegram" / "nktkln_channels_2024-11-26"
    ingest([telegram / name for name in ANALYSED] + [hostile_export(root / "hostile")], db=url, workers=1)
    try:
        from sverka.link.storage import link_store
    except ImportError:  # the linking issue has not landed in this checkout
        link_store = None
    if link_store is not None:
        store = Store(url)
        try:
            link_store(store.engine)
        except Exception as exc:  # another part of sverka, mid-change: the stories tests skip, the rest runs
            warnings.warn(f"sverka.link failed, stories stay unlinked: {exc}", stacklevel=1)
        store.close()
    ingest([samples], db=url, analyse=False)
    return url


@pytest.fixture(scope="session")
def store(web_db: str) -> Iterator[Store]:
    store = Store(web_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def empty_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """A new, empty database: nothing ingested, nothing linked."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    return TestClient(create_app(f"sqlite:///{path}"), raise_server_exceptions=False)
