"""In-place markup of a post: nesting of overlapping spans, escaping, which links become links."""

from __future__ import annotations

import pytest

from sverka.web.markup import Span, highlight, render, safe_href, spans_of


def test_overlapping_spans_are_closed_and_reopened() -> None:
    text = "abcdef"
    html = render(text, [Span(0, 4, "claim", "claim", "c"), Span(2, 6, "time", "time", "t")])
    assert html == ('<span class="claim" title="c">ab<mark class="time" title="t">cd</mark></span>'
                    '<mark class="time cont" title="t">ef</mark>')


def test_text_is_escaped_and_nothing_is_lost() -> None:
    text = "<b>Путин</b> & «Ко»"
    html = render(text, [Span(3, 8, "entity", "ent", 'PER "x"', "/entities/PER%3Ax")])
    assert html == ('&lt;b&gt;<a class="ent" title="PER &#34;x&#34;" href="/entities/PER%3Ax">Путин</a>'
                    '&lt;/b&gt; &amp; «Ко»')


def test_no_anchor_inside_an_anchor() -> None:
    links = [{"kind": "text_link", "target": "https://example.org/a", "start": 0, "end": 12}]
    analysis = {"entities": [{"id": "PER:Владимир Путин", "name": "Владимир Путин", "type": "PER", "roles": []}],
                "mentions": [{"start": 0, "end": 5, "text": "Путин", "type": "PER", "entity": "PER:Владимир Путин"}]}
    html = render("Путин сказал", spans_of(analysis, links))
    assert html.count("<a ") == 1 and html.count("</a>") == 1
    assert '<mark class="ent ent-per"' in html  # the entity inside the link is marked, not linked


@pytest.mark.parametrize(("url", "ok"), [
    ("https://t.me/rian_ru/1", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), ("data:text/html,<script>", False), ("//evil.example", False),
    ("https://x.org/a b", False), ("https://x.org/\nx", False), ("/relative", False), ("", False), (None, False),
])
def test_safe_href(url: str | None, ok: bool) -> None:
    assert (safe_href(url) is not None) == ok


def test_spans_outside_the_text_are_dropped() -> None:
    assert render("abc", [Span(2, 9, "time", "time", "t"), Span(-1, 1, "time", "time", "t")]) == "abc"


def test_search_snippet_marks() -> None:
    assert highlight("<i>Путина</i> и Путин", [[3, 9], [16, 21]]) == \
        "&lt;i&gt;<mark>Путина</mark>&lt;/i&gt; и <mark>Путин</mark>"
