"""In Debian's chromium: search, open a document, see the highlighted entity, open its page and its chart.

Screenshots go to $SVERKA_TEST_OUTPUT (default: the test's tmp dir); with SVERKA_DOCS_SCREENSHOTS=1 a
copy of each page also goes to docs/screenshots/ for the README.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import XSS_ID

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium; CI installs it)"),
]


@pytest.fixture(scope="module")
def server(store) -> Iterator[str]:
    import uvicorn

    from sverka.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(store, loopback_only=True), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="ru-RU")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = os.environ.get("SVERKA_TEST_OUTPUT")
    folder = Path(out) / "screenshots" if out else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(page, shots: Path, name: str) -> Path:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("SVERKA_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOCS / path.name)
    return path


def test_search_document_entity_chart(server: str, page, shots: Path) -> None:
    page.goto(server + "/")
    page.fill("#q", "Путин Казахстан")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?**")
    hits = page.locator("article.hit")
    assert hits.count() > 0
    assert page.locator("article.hit mark").count() > 0  # highlighted words in the snippets
    assert page.locator(".facet[data-facet=channel] a").count() > 0
    snap(page, shots, "search")

    page.locator("article.hit", has=page.locator("a.channel", has_text="РИА Новости")).first.locator("a.doc").click()
    page.wait_for_url("**/documents/**")
    entity = page.locator('#post a.ent[data-entity="PER:Владимир Путин"]').first
    entity.wait_for()
    assert "Владимир Путин" in entity.get_attribute("title")
    assert entity.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # highlighted
    assert page.locator("#post .claim").count() > 0 and page.locator("#post mark.time").count() > 0
    entity.hover()
    snap(page, shots, "document")

    entity.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text().startswith("Владимир Путин")
    page.wait_for_selector("#timeline-chart .main-svg")
    assert page.locator("#timeline-chart .bars .point").count() > 0  # the bars of the chart
    if page.locator("#stance-chart").count():  # once the stance stage has run on these posts
        page.wait_for_selector("#stance-chart .main-svg")
    snap(page, shots, "entity")
    assert page.problems == []


def test_other_pages(server: str, page, shots: Path) -> None:
    page.goto(server + "/claims")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() > 1
    page.click("th a:has-text('channel')")  # sort by channel
    page.wait_for_url("**sort=channel**")
    channels = page.locator("table.claims tbody tr td:nth-child(4)").all_inner_texts()
    assert channels == sorted(channels, reverse=True)
    snap(page, shots, "claims")

    page.goto(server + "/sources")
    assert page.locator("table.sources tbody tr", has_text="РИА Новости").count() == 1
    snap(page, shots, "sources")

    page.goto(server + "/stories")
    snap(page, shots, "stories")
    story = page.locator("table.stories tbody a").first
    if story.count():
        story.click()
        page.wait_for_url("**/stories/**")
        assert page.locator("ol.timeline li").count() >= 2
        snap(page, shots, "story")
    assert page.problems == []


def test_hostile_post_is_text_in_the_browser(server: str, page, shots: Path) -> None:
    page.goto(f"{server}/documents/{quote(XSS_ID)}")
    post = page.locator("#post")
    assert "<script>alert('xss')</script>" in post.inner_text()
    assert "<img src=x onerror=alert(1)>" in post.inner_text()
    assert post.locator("img, script, svg").count() == 0
    assert post.locator("a[href^='javascript']").count() == 0
    assert page.locator(".link.unsafe", has_text="ИСТОЧНИК").count() == 1
    page.wait_for_timeout(300)
    assert page.problems == []  # no alert() dialog, no CSP violation
    snap(page, shots, "hostile-post")


def test_api_docs_run_offline_under_the_csp(server: str, page, shots: Path) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/documents" in paths and "/api/claims" in paths
    assert page.problems == []  # no CDN request, no CSP violation
    snap(page, shots, "api-docs")
