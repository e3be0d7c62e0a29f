"""JSON Lines (or a JSON array) of generic records, through the column mapping of `records.py`.

Streamed line by line (`lines.py`); a bad line is a Reject naming its line number.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sverka.doc import Document
from sverka.readers.base import Reject
from sverka.readers.common import Options, reject
from sverka.readers.lines import json_records
from sverka.readers.records import to_document

NAME = "jsonl"


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    for item in json_records(path):
        if isinstance(item, Reject):
            yield item
            continue
        position, record = item
        try:
            doc = to_document(path, position, record, NAME, opts)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            doc = reject(path, position, f"malformed record: {exc}", record)
        if doc is not None:
            yield doc
