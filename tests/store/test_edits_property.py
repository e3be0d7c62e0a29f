"""Property: exports of one channel ingested in any order, any number of times, keep every text.

Each message has versions (v0 < v1 < v2, later versions carry later edit times). Whatever the
order of exports: re-ingesting an export changes nothing; every text ever seen is the current
text or a revision; the current text is the latest edit seen.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import channel_export, dump, message

from sverka.ingest import ingest
from sverka.store import Store

BASE = 1732615200


def text_of(msg: int, version: int) -> str:
    return f"Сообщение {msg}, версия {version}: Песков прокомментировал переговоры."


exports = st.lists(  # an export: {message id: version}
    st.dictionaries(st.integers(1, 4), st.integers(0, 2), min_size=1, max_size=4), min_size=1, max_size=4)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports=exports, data=st.data())
def test_any_order_of_exports(tmp_path_factory, exports, data):
    tmp = tmp_path_factory.mktemp("edits")
    url = f"sqlite:///{tmp / 'e.db'}"
    paths = []
    for n, export in enumerate(exports):
        messages = [message(m, text_of(m, v), BASE + m, edited=(BASE + 1000 * v) if v else None)
                    for m, v in sorted(export.items())]
        paths.append(channel_export(tmp / f"export{n}", messages))
    for path in paths:
        ingest([path], db=url, analyse=False, workers=1)
    store = Store(url)
    state = dump(store)
    again = data.draw(st.sampled_from(paths))
    assert ingest([again], db=url, analyse=False, workers=1).counts.keys() <= {"unchanged", "variant"}
    assert dump(store) == state
    for m in {m for export in exports for m in export}:
        seen = {v for export in exports for mm, v in export.items() if mm == m}
        doc = store.document(f"tg:4242:{m}")
        texts = {doc["text"]} | {r["text"] for r in doc["revisions"]}
        assert texts == {text_of(m, v) for v in seen}
        assert doc["text"] == text_of(m, max(seen))  # the latest edit wins, in whatever order it came
    store.close()
