import pytest
from link_helpers import post

from sverka.link import Linker, track_record
from sverka.link.trackrecord import COLUMNS, bucket

LEAD = "Генерал-лейтенант Александр Санчик назначен временно исполняющим обязанности командующего группировкой «Юг»"


@pytest.fixture(scope="module")
def linker():
    linker = Linker(dense=False)
    linker.add([
        post("a", LEAD + ", рассказали источники РБК. Прежний командующий снят с должности.", "Раньше всех", 0),
        post("b", "❗️" + LEAD + ", рассказали источники РБК.", "Ньюсач", 2),
    ])  # fmt: skip
    linker.add([post("c", "Санчик назначен врио командующего группировкой войск «Юг», пишут «Ведомости»", "РИА", 60)])
    return linker


def test_incremental_batches_link_into_one_story(linker):
    assert len({linker.stories.doc_story[d] for d in "abc"}) == 1
    summary = linker.story_summary(linker.stories.doc_story["a"])
    assert summary["first"] == "a" and summary["copies"] == [{"a": "a", "b": "b", "kind": "copy"}]


def test_a_copy_is_not_independent_corroboration(linker):
    assert not linker.independent("a", "b") and linker.independent("a", "c")
    assert all(not x.independent for x in linker.claim_links if {x.a[0], x.b[0]} == {"a", "b"})


def test_track_record_rows(linker):
    rows = {r["channel"]: r for r in track_record(linker)}
    assert set(rows) == {"Раньше всех", "Ньюсач", "РИА"} and list(rows["РИА"]) == list(COLUMNS)
    assert (rows["Раньше всех"]["first_publications"], rows["Ньюсач"]["copies"]) == (1, 1)
    assert rows["Ньюсач"]["originality"] == 0.0


def test_state_round_trips(linker):
    again = Linker.loads(linker.dumps())
    assert again.stories.doc_story == linker.stories.doc_story and len(again.dedup) == 3
    assert again.add([post("a", LEAD, "Раньше всех")]).documents == []  # seen ids are skipped


def test_bucket_periods(linker):
    when = linker.docs["a"].published
    assert [bucket(when, p) for p in (None, "day", "week", "month")] == ["all", "2024-11-26", "2024-W48", "2024-11"]
    with pytest.raises(ValueError, match="unknown period"):
        bucket(when, "year")
