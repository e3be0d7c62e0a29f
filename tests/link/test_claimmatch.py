from datetime import UTC, datetime, timedelta

import pytest

from sverka.link.claimmatch import ClaimMatcher, figure_conflict, figures, make_claim

NOON = datetime(2024, 11, 26, 12, tzinfo=UTC)


def claim(doc_id, text, minutes=0):
    return make_claim(doc_id, 0, text, source=doc_id, published=NOON + timedelta(minutes=minutes))


def matcher(*claims):
    m = ClaimMatcher()
    m.observe([*claims, claim("x", "Госдума приняла закон о штрафах за содержание домашних животных"),
               claim("y", "Курс доллара на бирже вырос выше 106 рублей за доллар")])  # fmt: skip
    return m


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Землетрясение магнитудой 6,4 произошло у берегов Японии", {("магнитуда", ""): {"6.4"}}),
        ("оно вступит в силу в среду в 11:00 мск", {("среда", ""): {"11.00"}}),
        ("известно о трех погибших", {("", "погибнуть"): {"3"}}),
        ("ВСУ 25 ноября нанесли удар", {}),  # a date is not a figure
    ],
)
def test_figures(text, expected):
    assert figures(text) == expected


def test_other_magnitude_soon_after_is_a_contradiction():
    a = claim("a", "Землетрясение магнитудой 6,4 произошло у берегов Японии, сообщили сейсмологи")
    b = claim("b", "Землетрясение магнитудой 6,1 произошло у побережья японской префектуры Исикава", 50)
    relation, _, reason = matcher(a, b).relation(a, b)
    assert (relation, reason) == ("contradict", "магнитуда: 6.4 vs 6.1")


def test_other_figures_hours_later_are_a_new_measurement():
    a = claim("a", "Доллар вырос выше 105 рублей на бирже")
    b = claim("b", "Доллар вырос выше 107 рублей на бирже", 400)
    assert matcher(a, b).relation(a, b)[0] == "unrelated"
    assert figure_conflict(a, b)


def test_denial_contradicts_the_report():
    a = claim("a", "Жители Салавата сообщают о беспилотниках и работе ПВО над городом")
    b = claim("b", "Угроза атаки беспилотника на территории Салавата не подтвердилась", 60)
    assert matcher(a, b).relation(a, b)[0] == "contradict"


def test_same_statement_corroborates():
    a = claim("a", "Россия категорически отвергает замораживание украинского конфликта, заявил Нарышкин")
    b = claim("b", "Глава СВР Нарышкин заявил, что РФ категорически отвергает замораживание конфликта", 25)
    assert matcher(a, b).relation(a, b)[0] == "corroborate"
