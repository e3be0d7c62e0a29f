from link_helpers import post

from sverka.link.text import clean_text, content_lemmas, link_doc, sentences


def test_clean_text_drops_markdown_links_and_boilerplate():
    text = "⚡️**Доллар поднялся выше 106 рублей**, — данные торгов.\n\n[👉 Топор Live. Подписаться](https://t.me/+HW)"
    assert clean_text(text) == "Доллар поднялся выше 106 рублей, — данные торгов."


def test_clean_text_keeps_link_text():
    assert clean_text("[сообщает](https://www.rbc.ua/x) «РБК-Украина»") == "сообщает «РБК-Украина»"


def test_content_lemmas_fold_case_forms_and_skip_function_words():
    assert content_lemmas("Путин проведёт переговоры с Токаевым в Астане") == [
        "путин", "провести", "переговоры", "токаев", "астана",
    ]  # fmt: skip


def test_sentences_split_at_end_punctuation_and_lines():
    parts = sentences("Первое предложение. Второе — тоже!\nТретье")
    assert parts == ["Первое предложение.", "Второе — тоже!", "Третье"]


def test_link_doc_keeps_forward_header_and_source():
    doc = link_doc(post("a", "Текст", "Канал", forwarded_from="РИА Новости"))
    assert (doc.source, doc.forwarded_from, doc.published.tzinfo is not None) == ("Канал", "РИА Новости", True)
