"""Canonical entities: normalisation, merging, countries from adjectives, roles, NER fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sverka import analyze
from sverka.nlp.entities.gazetteer import gazetteer, load_user_aliases
from sverka.nlp.entities.normal import normalize_person, normalize_phrase


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Путину", "Путин"),
        ("Путиным", "Путин"),
        ("Нурсултана Назарбаева", "Нурсултан Назарбаев"),
        ("Касым-Жомарта Токаева", "Касым-Жомарт Токаев"),
        ("Касым-Жомарт Токаев", "Касым-Жомарт Токаев"),
        ("Марии Захаровой", "Мария Захарова"),
        ("Реджепа Тайипа Эрдогана", "Реджеп Тайип Эрдоган"),
        ("Герасимову", "Герасимов"),
        ("Биньямин Нетаньяху", "Биньямин Нетаньяху"),
        ("Олафа Шольца", "Олаф Шольц"),
        ("Эммануэля Макрона", "Эммануэль Макрон"),
        ("Шольца", "Шольц"),
        ("Мухаммеда Мурси", "Мухаммед Мурси"),
        ("Жака Рогге", "Жак Рогге"),
        ("Си Цзиньпина", "Си Цзиньпин"),
        ("Джона Хантсмана-младшего", "Джон Хантсман-младший"),
        ("Трампе", "Трамп"),
    ],
)
def test_person_names_become_nominative(words: str, expected: str) -> None:
    best, readings = normalize_person(words.split())
    assert best == expected or expected in readings


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Казахстане", "Казахстан"),
        ("Курской области", "Курская область"),
        ("Министерства обороны России", "Министерство обороны России"),
        ("Генштаба", "Генштаб"),
        ("Соединенных Штатах", "Соединенные Штаты"),  # the text's е, not the dictionary's ё
        ("Воздушных сил ВСУ", "Воздушные силы ВСУ"),
        ("Республики Казахстан", "Республика Казахстан"),
        ("МИД Турции", "МИД Турции"),
    ],
)
def test_place_and_org_names_become_nominative(words: str, expected: str) -> None:
    assert normalize_phrase(words.split()) == expected


def entity_by_name(analysis, name: str):
    matches = [e for e in analysis.entities if e.name == name]
    assert matches, f"no entity {name!r} in {[e.name for e in analysis.entities]}"
    return matches[0]


def test_surface_forms_merge_under_the_fullest_name() -> None:
    a = analyze("Владимир Путин прилетел в Астану. Путина встретил Токаев. Путину подарили ковёр.")
    putin = entity_by_name(a, "Владимир Путин")
    assert {m.text for m in putin.mentions} == {"Владимир Путин", "Путина", "Путину"}
    assert putin.country == "RU"
    assert entity_by_name(a, "Касым-Жомарт Токаев").type == "PER"  # a known surname gets the full name
    assert entity_by_name(a, "Астана").type == "LOC"


def test_country_adjectives_and_collectives_point_to_the_country() -> None:
    a = analyze("Китайские товарищи предупредили российское руководство. Турецкий МИД промолчал.")
    china = entity_by_name(a, "Китай")
    assert china.country == "CN" and china.mentions[0].text == "Китайские товарищи"
    assert entity_by_name(a, "Россия").mentions[0].text == "российское руководство"


def test_org_with_country_is_one_entity() -> None:
    a = analyze("Вчера МИД Турции выступил с заявлением.")
    mid = entity_by_name(a, "МИД Турции")
    assert mid.type == "ORG" and mid.country == "TR"
    assert not [e for e in a.entities if e.name == "Турция"]


def test_roles_are_kept() -> None:
    a = analyze("Президент России Владимир Путин поручил начальнику Генштаба Герасимову подготовить план.")
    assert "президент России" in entity_by_name(a, "Владимир Путин").roles
    assert "начальник Генштаба" in entity_by_name(a, "Валерий Герасимов").roles


def test_ner_misses_are_fixed() -> None:
    a = analyze("Это решение поддержали в ОДКБ. Плюс Токаев был против.\n\nИСТОЧНИК")
    names = {e.name for e in a.entities}
    assert "Касым-Жомарт Токаев" in names
    assert "ОДКБ" in names
    assert not any("ИСТОЧНИК" in m.text for m in a.mentions)
    assert not any(m.text.startswith("Плюс") for m in a.mentions)


def test_every_mention_points_into_the_text_and_to_an_entity(seed_analysis) -> None:
    ids = {e.id for e in seed_analysis.entities}
    for m in seed_analysis.mentions:
        assert seed_analysis.text[m.start : m.end] == m.text
        assert m.entity in ids
    for e in seed_analysis.entities:
        for span in e.mentions:
            assert seed_analysis.text[span.start : span.end] == span.text


def test_user_aliases_extend_the_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text("alias,name,type,country\nГлавный Кукловод,Иван Кукловодов,PER,RU\n", encoding="utf-8")
    assert load_user_aliases(path) == 1
    try:
        a = analyze("Главный Кукловод снова всех удивил.")
        person = entity_by_name(a, "Иван Кукловодов")
        assert person.type == "PER" and person.country == "RU"
    finally:
        gazetteer.cache_clear()


def test_a_bad_alias_file_names_the_line(tmp_path: Path) -> None:
    from sverka.errors import ConfigError

    path = tmp_path / "aliases.csv"
    path.write_text("alias,name,type\nКто-то,Кто,NOPE\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"aliases.csv:1"):
        load_user_aliases(path)
    gazetteer.cache_clear()


def test_markdown_marks_stay_out_of_names() -> None:
    a = analyze("Второй секретарь посольства Великобритании Прайор** проводил работу, сообщили в ФСБ.")
    person = entity_by_name(a, "Прайор")
    assert person.mentions[0].text == "Прайор"
    assert person.roles == ["второй секретарь посольства Великобритании"]


def test_an_abbreviation_in_brackets_joins_its_full_name() -> None:
    a = analyze("Федеральная служба судебных приставов (ФССП) проверяет банки. ФССП начала проверку.")
    fssp = entity_by_name(a, "Федеральная служба судебных приставов")
    assert [m.text for m in fssp.mentions] == ["Федеральная служба судебных приставов", "ФССП", "ФССП"]


def test_an_office_of_someone_else_is_not_a_role() -> None:
    a = analyze("Ушаков сообщил, что Путин и Шольц не договаривались. Ушаков связывается с помощником Шольца.")
    scholz = entity_by_name(a, "Олаф Шольц")
    assert scholz.roles == [] and len(scholz.mentions) == 2


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("В Главном управлении МВД России по Нижегородской области сообщили.",
         "Главное управление МВД России по Нижегородской области"),
        ("Жалобу отклонил Европейский суд по правам человека.", "ЕСПЧ"),
    ],
)
def test_a_body_keeps_its_remit(text: str, name: str) -> None:
    a = analyze(text)
    entity = entity_by_name(a, name)
    assert entity.type == "ORG"
    assert len(a.entities) == 1  # no separate place inside the body's name


def test_emoji_glued_to_a_word_do_not_hide_it() -> None:
    a = analyze("❗️Минобороны России сообщило о потерях. ⚡️Путин прилетел в Астану.")
    assert {"Минобороны", "Владимир Путин", "Астана"} <= {e.name for e in a.entities}
    assert a.sents[0].tokens[0].text == "Минобороны"
    for m in a.mentions:
        assert a.text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Администрация Байдена обеспечит Киев всем.", {"Джо Байден", "Киев"}),  # NER said LOC
        ("Экс-главу банка приговорили.", set()),  # an office is not a name
        ("Помянем Никиту.", {"Никита"}),  # a verb glued to a name
        ("Сыновей назвали в честь Черепашек-ниндзя\n\nМужик шёл к мечте.", {"Черепашек-ниндзя"}),  # no line breaks
        ("⚡️Минцифры РФ выработало меры.", {"Минцифры"}),  # an indeclinable ministry
        ("▪️Доля нацвалют во взаиморасчетах растет.", set()),  # capitalised only at the head of a line
    ],
)
def test_real_channel_quirks(text: str, names: set[str]) -> None:
    a = analyze(text)
    assert {e.name for e in a.entities if e.type in ("PER", "ORG")} | {
        e.name for e in a.entities if e.name in names
    } == names


def test_entity_ids_are_unique_within_a_document(shared: Path) -> None:
    """Two groups of mentions can read as one name ("Хазрат" as a form of "Мазахим"); they become one entity."""
    import json

    path = shared / "data" / "samples" / "news" / "articles.jsonl"
    record = next(r for r in map(json.loads, path.open(encoding="utf-8")) if r["id"] == "wikinews-nerel-train-164467")
    analysis = analyze(record["text"], stages=["lang", "segment", "morph", "ner", "entities"])
    ids = [e.id for e in analysis.entities]
    assert len(ids) == len(set(ids))
    mentioned = {m.entity for m in analysis.mentions}
    assert mentioned <= set(ids)


@pytest.mark.parametrize(("text", "name"), [
    ("Зеленский встретился с Макроном и Шольцем в Париже.", "Олаф Шольц"),  # pymorphy misses «Шольцем»
    ("Байден позвонил Шольцу.", "Олаф Шольц"),
])
def test_known_people_in_cases_the_morphology_misses(text: str, name: str) -> None:
    analysis = analyze(text, stages=["lang", "segment", "morph", "ner", "entities"])
    assert name in {e.name for e in analysis.entities}
