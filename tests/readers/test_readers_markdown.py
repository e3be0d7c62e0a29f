"""Telethon Markdown to plain text and links."""

from __future__ import annotations

import pytest

from sverka.readers.links import find_links
from sverka.readers.markdown import strip_markdown


@pytest.mark.parametrize(
    ("markdown", "plain", "links"),
    [
        ("Без разметки.", "Без разметки.", []),
        ("**Срочно:** Песков __заявил__.", "Срочно: Песков заявил.", []),
        (
            "Пишет [ИСТОЧНИК](https://example.org/s).",
            "Пишет ИСТОЧНИК.",
            [("text_link", "ИСТОЧНИК", "https://example.org/s")],
        ),
        ("[**Зеленского.**](https://bbc.com/a)**", "Зеленского.", [("text_link", "Зеленского.", "https://bbc.com/a")]),
        ("[https://x.ru/a](https://x.ru/a)", "https://x.ru/a", [("link", "https://x.ru/a", "https://x.ru/a")]),
        (
            "[текст](https://ru.wikipedia.org/wiki/Foo_(bar)) далее",
            "текст далее",
            [("text_link", "текст", "https://ru.wikipedia.org/wiki/Foo_(bar)")],
        ),
        ("см. https://example.com/a__b и ||спойлер||", "см. https://example.com/a__b и спойлер", []),
        ("[не ссылка] (https://x.ru)", "[не ссылка] (https://x.ru)", []),
    ],
)
def test_strip_markdown(markdown, plain, links):
    text, found = strip_markdown(markdown)
    assert text == plain
    assert [(lk["kind"], lk["text"], lk["url"]) for lk in found] == links
    assert all(text[lk["start"] : lk["end"]] == lk["text"] for lk in found)


def test_find_links_in_plain_text():
    text = "Курс на 27.11. @banksta #рубль #1 почта: a@b.ru https://t.me/rian_ru#x"
    found = find_links(text, [])
    assert [(lk["kind"], lk["text"], lk["url"]) for lk in found] == [
        ("url", "https://t.me/rian_ru#x", "https://t.me/rian_ru#x"),
        ("mention", "@banksta", "https://t.me/banksta"),
        ("hashtag", "#рубль", None),
    ]
