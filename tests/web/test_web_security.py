"""Untrusted text renders as text; the server binds to loopback, wants a token elsewhere, and is read-only."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import XSS_CHANNEL, XSS_ID
from sverka.errors import ConfigError
from sverka.web import create_app
from sverka.web.security import CSP, check_bind


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.scripts.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def assert_inert(html: str) -> None:
    """No injected element, no event handler, no script URL: the post's markup stayed text."""
    tags = parse(html)
    names = {t for t, _ in tags.tags}
    assert not names & {"img", "svg", "iframe", "object", "embed"}
    for tag, attrs in tags.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", attrs
    assert all("alert(" not in s for s in tags.scripts if "application/json" not in s)


def test_hostile_post_renders_as_text(client) -> None:
    html = client.get(f"/documents/{quote(XSS_ID)}").text
    assert_inert(html)
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Канал &lt;b&gt;проверки&lt;/b&gt;" in html  # the channel name too
    hrefs = [a.get("href") for t, a in parse(html).tags if t == "a"]
    assert "https://example.org/news?a=1&b=\"><svg/onload=alert(2)>" in hrefs  # escaped, still the same link
    assert not [h for h in hrefs if h and "javascript" in h.lower()]
    assert 'class="link unsafe"' in html  # the javascript: text_link is shown, not linked


def test_hostile_post_in_search_and_lists(client) -> None:
    for url in ("/search?q=alert", f"/search?channel={quote(XSS_CHANNEL)}", "/sources", "/claims?min_checkworthiness=",
                "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "/entities?q=%3Cimg%20src%3Dx%3E"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.text)
    assert client.get("/search?q=alert").text.count("&lt;script&gt;") >= 1


def test_json_keeps_the_text_as_it_was(client) -> None:
    doc = client.get(f"/api/documents/{quote(XSS_ID)}").json()
    assert "<script>alert('xss')</script>" in doc["text"]
    assert {link["target"] for link in doc["links"]} >= {"javascript:alert(document.cookie)"}


def test_every_response_has_a_strict_csp(client) -> None:
    for url in ("/", "/api/stats", "/static/sverka.css", "/no-such-page"):
        assert client.get(url).headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP.split("script-src")[1].split(";")[0]


def test_bind_rules() -> None:
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("localhost", None)
    check_bind("0.0.0.0", "a-token")
    for host in ("0.0.0.0", "192.168.1.5", "::"):
        with pytest.raises(ConfigError, match="SVERKA_TOKEN"):
            check_bind(host, None)


def test_serve_refuses_to_listen_beyond_loopback_without_a_token(monkeypatch) -> None:
    import typer
    from typer.testing import CliRunner

    from sverka.cli.serve import serve

    monkeypatch.delenv("SVERKA_TOKEN", raising=False)
    app = typer.Typer()
    app.command()(serve)
    result = CliRunner().invoke(app, ["--host", "0.0.0.0"])
    assert result.exit_code == 2 and "SVERKA_TOKEN" in result.output


def test_serve_refuses_a_missing_sqlite_file(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from sverka.cli.serve import serve

    app = typer.Typer()
    app.command()(serve)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2 and "no database at" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_token_header_cookie_and_login(store) -> None:
    locked = TestClient(create_app(store, token="s3cret"), raise_server_exceptions=False)
    assert locked.get("/api/stats").status_code == 401
    assert locked.get("/api/stats", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert locked.get("/api/stats", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert locked.get("/api/stats", headers={"X-Sverka-Token": "s3cret"}).status_code == 200
    login = locked.get("/search?q=Путин&token=s3cret", follow_redirects=False)
    assert login.status_code == 303 and "token" not in login.headers["location"]
    assert "httponly" in login.headers["set-cookie"].lower()
    assert locked.get("/search?q=Путин").status_code == 200  # the client kept the cookie


def test_loopback_only_refuses_other_host_names(store) -> None:
    local = TestClient(create_app(store, loopback_only=True), base_url="http://127.0.0.1:8000",
                       raise_server_exceptions=False)
    assert local.get("/api/stats").status_code == 200
    rebound = local.get("/api/stats", headers={"host": "evil.example:8000"})
    assert rebound.status_code == 403 and rebound.json()["ok"] is False


def test_read_only(client) -> None:
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/documents")
        assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
