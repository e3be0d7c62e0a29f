"""Every route answers every failure as `{"ok": false, "error": "...", "status": N}` (404, 405, 422, 401, 500)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from sverka.store import Store
from sverka.web import create_app
from sverka.web.app import api_routes

SHAPE = {"ok", "error", "status"}


def routes(app=None) -> list[APIRoute]:
    return [r for r in api_routes() if "GET" in r.methods]


def fill(path: str, value: str = "no-such-thing") -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def assert_error(response, status: int) -> None:
    assert response.status_code == status, (response.request.url, response.text)
    body = response.json()
    assert set(body) == SHAPE and body["ok"] is False and body["status"] == status and body["error"]


def test_route_list_is_complete(client) -> None:
    paths = {r.path for r in routes(client.app)}
    assert {"/api/documents", "/api/documents/{doc_id:path}", "/api/entities", "/api/entities/{key:path}",
            "/api/entities/{key:path}/timeline", "/api/claims", "/api/stories", "/api/stories/{story_id}",
            "/api/sources", "/api/stats", "/", "/search", "/documents/{doc_id:path}", "/entities/{key:path}",
            "/claims", "/sources", "/stories/{story_id}"} <= paths


def test_404_on_every_route_with_an_id(client) -> None:
    with_ids = [r for r in routes(client.app) if "{" in r.path]
    assert len(with_ids) >= 9
    for route in with_ids:
        assert_error(client.get(fill(route.path, "tg:0:0")), 404)
    assert_error(client.get("/api/no/such/route"), 404)
    assert_error(client.get("/no-such-page"), 404)


def test_422_on_every_route_with_parameters(client) -> None:
    checked = 0
    for route in routes(client.app):
        names = {p.name for p in route.dependant.query_params}
        path = fill(route.path, "x")
        for param, bad in (("limit", "0"), ("cursor", "not-a-cursor"), ("since", "yesterday"), ("format", "xml"),
                           ("min_checkworthiness", "high"), ("insider", "maybe"), ("sort", "nonsense")):
            if param in names and "{" not in route.path:
                assert_error(client.get(f"{path}?{param}={bad}"), 422)
                checked += 1
    assert checked >= 25


def test_405_on_every_route(client) -> None:
    for route in routes(client.app):
        for method in ("post", "put", "delete", "patch"):
            assert_error(getattr(client, method)(fill(route.path)), 405)


def test_401_on_every_route_without_the_token(store) -> None:
    locked = TestClient(create_app(store, token="s3cret"), raise_server_exceptions=False)
    for route in routes(locked.app):
        assert_error(locked.get(fill(route.path)), 401)


def test_500_on_every_route_when_the_database_breaks(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    store = Store(f"sqlite:///{path}")
    broken = TestClient(create_app(store), raise_server_exceptions=False)
    store.engine.dispose()
    path.write_bytes(b"this is not a database " * 100)
    for route in routes(broken.app):
        response = broken.get(fill(route.path, "PER:x"))
        assert_error(response, 500)
        assert "not a database" not in response.json()["error"]  # no database internals in the message


@pytest.mark.parametrize("url", ["/documents/tg:0:0", "/search?since=yesterday"])
def test_browsers_get_the_error_as_a_page(client, url: str) -> None:
    response = client.get(url, headers={"accept": "text/html,application/xhtml+xml"})
    assert response.status_code in (404, 422) and response.headers["content-type"].startswith("text/html")
    assert f"<h1>{response.status_code}</h1>" in response.text
