import pytest

from sverka.errors import ConfigError
from sverka.link.entities_xdoc import EntityRegistry, co_mentions


def registry(*names):
    reg = EntityRegistry()
    for name in names:
        reg.add(f"PER:{name}", name, "PER")
    return reg


def test_surname_merges_into_the_only_full_name_and_is_logged():
    reg = registry("Токаев", "Касым-Жомарт Токаев")
    assert reg.canonical("PER:Токаев") == "PER:Касым-Жомарт Токаев"
    assert [(o.op, o.source) for o in reg.log] == [("merge", "auto")]
    assert reg.find("Токаева") == "PER:Касым-Жомарт Токаев"


def test_two_full_names_with_one_surname_do_not_absorb_it():
    reg = registry("Кушнарёв", "Виталий Кушнарёв", "Иван Кушнарёв")
    assert reg.canonical("PER:Кушнарёв") == "PER:Кушнарёв"


def test_split_and_undo():
    reg = registry("Токаев", "Касым-Жомарт Токаев")
    reg.canonical("PER:Токаев")
    split = reg.split("PER:Токаев", "PER:Касым-Жомарт Токаев")
    assert reg.canonical("PER:Токаев") == "PER:Токаев"
    reg.undo(split.id)
    assert reg.canonical("PER:Токаев") == "PER:Касым-Жомарт Токаев"
    reg.undo(1)  # the automatic merge itself
    assert reg.canonical("PER:Токаев") == "PER:Токаев"
    with pytest.raises(ConfigError):
        reg.undo(99)


def test_user_alias_file(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,name,type\nГарант,Владимир Путин,PER\n", encoding="utf-8")
    reg = registry("Гарант", "Владимир Путин")
    assert reg.load_aliases(path) == 1
    assert reg.canonical("PER:Гарант") == "PER:Владимир Путин"
    path.write_text("Гарант,Владимир Путин,PERSON\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"aliases\.csv:1"):
        reg.load_aliases(path)


def test_co_mentions():
    docs = {"a": ["PER:X", "LOC:Y"], "b": ["PER:X", "LOC:Y", "ORG:Z"], "c": ["ORG:Z"]}
    assert co_mentions(docs, "PER:X") == {"LOC:Y": 2, "ORG:Z": 1}
