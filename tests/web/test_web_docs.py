"""docs/web.md cannot drift: its route reference is generated from the routes, every page has a screenshot."""

from __future__ import annotations

from pathlib import Path

from sverka.web.reference import END, START, markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_route_reference_is_current() -> None:
    text = (DOCS / "web.md").read_text(encoding="utf-8")
    block = text[text.index(START):text.index(END) + len(END)]
    assert block == markdown(), "regenerate it: python -m sverka.web.reference"


def test_every_screenshot_named_in_the_docs_exists_and_is_small() -> None:
    text = (DOCS / "web.md").read_text(encoding="utf-8")
    for name in ("search", "document", "entity", "claims", "sources", "stories", "story", "hostile-post", "api-docs"):
        assert f"(screenshots/{name}.png)" in text
        path = DOCS / "screenshots" / f"{name}.png"
        assert path.is_file() and path.stat().st_size < 300_000, path
