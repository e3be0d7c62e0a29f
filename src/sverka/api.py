"""The Python API that the CLI, the REST API and the web pages call."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import cache

from sverka.doc import Analysis, Document
from sverka.pipeline import Pipeline


@cache
def _pipeline(stages: tuple[str, ...] | None) -> Pipeline:
    return Pipeline(stages)


def analyze(
    text: str,
    published: date | datetime | None = None,
    *,
    id: str = "doc",
    source: str | None = None,
    url: str | None = None,
    stages: Iterable[str] | None = None,
) -> Analysis:
    """Analyse one text. `published` resolves relative dates; without it they stay unresolved."""
    doc = Document(id=id, text=text, published=as_datetime(published), source=source, url=url)
    return _pipeline(tuple(stages) if stages is not None else None)(doc)


def analyze_docs(
    docs: Iterable[Document], *, stages: Iterable[str] | None = None, batch_size: int = 32
) -> Iterator[Analysis]:
    yield from _pipeline(tuple(stages) if stages is not None else None).pipe(docs, batch_size=batch_size)


def as_datetime(value: date | datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return datetime(value.year, value.month, value.day)
