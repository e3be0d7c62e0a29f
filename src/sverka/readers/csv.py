"""CSV and TSV files with a header row, through the column mapping of `records.py`.

Streamed row by row; the encoding is detected once from the first megabyte and the delimiter
sniffed from the first lines (comma, semicolon, tab; `.tsv` means tab). A row the csv module
cannot parse is a Reject naming its line, and the rest goes on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from sverka.doc import Document
from sverka.errors import ReadError
from sverka.readers.base import Reject
from sverka.readers.common import Options, reject
from sverka.readers.compressed import READ_ERRORS, inner_suffix, open_input, read_head
from sverka.readers.encoding import detect_encoding
from sverka.readers.records import to_document

NAME = "csv"
PROBE_BYTES = 1 << 20
# One cell may hold a whole article; the csv module's default limit (128 kB) is too small.
MAX_FIELD_CHARS = 16 << 20


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    try:
        head = read_head(path, PROBE_BYTES)
        encoding = detect_encoding(head, str(path))
    except ReadError as exc:
        yield reject(path, exc.position, exc.reason)
        return
    except READ_ERRORS as exc:
        yield reject(path, "", f"cannot read: {exc}")
        return
    csv.field_size_limit(MAX_FIELD_CHARS)
    sep = delimiter(path, head.decode(encoding, errors="replace"))
    with open_input(path) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        try:
            yield from read_rows(path, text, sep, opts)
        except READ_ERRORS as exc:
            yield reject(path, "", f"the file breaks off: {exc}")


def delimiter(path: Path, sample: str) -> str:
    if inner_suffix(path) == ".tsv":
        return "\t"
    lines = "\n".join(sample.lstrip("\ufeff").splitlines()[:20])
    try:
        return csv.Sniffer().sniff(lines, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_rows(path: Path, stream: io.TextIOBase, sep: str, opts: Options) -> Iterator[Document | Reject]:
    rows = csv.reader(stream, delimiter=sep)
    header: list[str] | None = None
    line = 1  # where the next row starts; a quoted cell may span lines
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            yield reject(path, f"line {line}", f"bad CSV row: {exc}")
            line = rows.line_num + 1
            continue
        position, line = f"line {line}", rows.line_num + 1
        if header is None:
            header = [cell.strip().lstrip("\ufeff") for cell in row]
            if not any(header):
                yield reject(path, position, "no header row; the first row must name the columns")
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        record = {name: cell for name, cell in zip(header, row, strict=False) if name}
        try:
            doc = to_document(path, position, record, NAME, opts)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            doc = reject(path, position, f"malformed row: {exc}", row)
        if doc is not None:
            yield doc
