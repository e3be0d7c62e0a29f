"""Stream JSON records from a JSONL file line by line, or from a JSON array with ijson; never whole.

The encoding is detected once from the first megabyte (UTF-8, BOM, cp1251, koi8-r); a line
longer than `MAX_LINE_BYTES` is skipped in chunks and rejected; a line that is not a JSON object
is rejected with its line number, and the rest goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from sverka.errors import ReadError
from sverka.readers.base import Reject
from sverka.readers.common import reject
from sverka.readers.compressed import READ_ERRORS, open_input, read_head, read_input
from sverka.readers.encoding import decode_bytes, detect_encoding
from sverka.readers.export_stream import TooDeep, guarded_parse

MAX_LINE_BYTES = 16 << 20
PROBE_BYTES = 1 << 20
CHUNK = 1 << 16
# A JSON array in another encoding than UTF-8 cannot be streamed: it is decoded whole, up to this.
MAX_ARRAY_BYTES = 256 << 20


def json_records(path: Path) -> Iterator[tuple[str, dict[str, Any]] | Reject]:
    """(position, object) per record: "line N" in a JSONL file, "record N" in a JSON array file."""
    try:
        head = read_head(path, PROBE_BYTES)
        first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    except READ_ERRORS as exc:
        yield reject(path, "", f"cannot read: {exc}")
        return
    try:
        encoding = detect_encoding(head, str(path))
    except ReadError as exc:
        yield reject(path, "", exc.reason)
        return
    if first == b"[":
        yield from array_records(path, encoding)
        return
    with open_input(path) as stream:
        try:
            yield from line_records(path, stream, encoding)
        except READ_ERRORS as exc:
            yield reject(path, "", f"the file breaks off: {exc}")


def line_records(path: Path, stream: BinaryIO, encoding: str) -> Iterator[tuple[str, dict[str, Any]] | Reject]:
    for number, raw in enumerate(bounded_lines(stream), start=1):
        if raw is None:
            yield reject(path, f"line {number}", f"line longer than {MAX_LINE_BYTES >> 20} MB")
            continue
        line = raw.decode(encoding, errors="replace").strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield reject(path, f"line {number}", f"not valid JSON: {exc.msg}", line)
            continue
        except RecursionError:
            yield reject(path, f"line {number}", "JSON nested too deep", line)
            continue
        if not isinstance(record, dict):
            yield reject(path, f"line {number}", "a JSON line that is not an object", line)
            continue
        yield f"line {number}", record


def bounded_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of at most MAX_LINE_BYTES; None in place of a longer line, which is skipped."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (chunk := stream.readline(CHUNK)) and not chunk.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def array_records(path: Path, encoding: str) -> Iterator[tuple[str, dict[str, Any]] | Reject]:
    """Records of a JSON array file, streamed by ijson (UTF-8) or decoded whole (other encodings)."""
    if encoding not in ("utf-8", "utf-8-sig"):
        yield from decoded_array(path)
        return
    index = 0
    with open_input(path) as stream:
        if stream.read(3) != b"\xef\xbb\xbf":
            stream.seek(0)
        try:
            for index, record in enumerate(ijson.items(guarded_parse(stream), "item"), start=1):
                if isinstance(record, dict):
                    yield f"record {index}", record
                else:
                    yield reject(path, f"record {index}", "a record that is not an object", record)
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            yield reject(path, f"after record {index}", f"not valid JSON ({exc})")
        except TooDeep as exc:
            yield reject(path, f"after record {index}", str(exc))
        except READ_ERRORS as exc:
            yield reject(path, f"after record {index}", f"the file breaks off: {exc}")


def decoded_array(path: Path) -> Iterator[tuple[str, dict[str, Any]] | Reject]:
    try:
        data = json.loads(decode_bytes(read_input(path, MAX_ARRAY_BYTES), str(path)))
    except READ_ERRORS as exc:
        yield reject(path, "", f"cannot read: {exc}")
        return
    except ReadError as exc:
        yield reject(path, exc.position, exc.reason)
        return
    except json.JSONDecodeError as exc:
        yield reject(path, f"line {exc.lineno}", f"not valid JSON: {exc.msg}")
        return
    except RecursionError:
        yield reject(path, "", "JSON nested too deep")
        return
    if not isinstance(data, list):
        yield reject(path, "", "expected a JSON array of records")
        return
    for index, record in enumerate(data, start=1):
        if isinstance(record, dict):
            yield f"record {index}", record
        else:
            yield reject(path, f"record {index}", "a record that is not an object", record)
