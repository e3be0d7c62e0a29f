"""Inputs may be gzip-compressed (`dump.jsonl.gz`, `result.json.gz`): opened like plain files.

Streaming readers (JSONL, Telethon, CSV, Telegram JSON) and the text reader go through here; a
broken or truncated archive raises one of `READ_ERRORS` where the data stops, which the readers
turn into a Reject after what they could read.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from sverka.errors import ReadError
from sverka.readers.encoding import decode_bytes

READ_ERRORS = (OSError, EOFError, zlib.error)


def open_input(path: Path) -> BinaryIO:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def inner_suffix(path: Path) -> str:
    """The suffix that names the format: `.jsonl` for both `x.jsonl` and `x.jsonl.gz`."""
    if path.suffix.lower() == ".gz":
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


def read_input(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of the (decompressed) file."""
    with open_input(path) as stream:
        return stream.read(limit)


def read_head(path: Path, limit: int) -> bytes:
    """The first bytes, for sniffing: of a truncated archive, what decompresses before the break."""
    chunks: list[bytes] = []
    size = 0
    with open_input(path) as stream:
        while size < limit:
            try:
                chunk = stream.read(min(1 << 16, limit - size))
            except READ_ERRORS:
                if not chunks:
                    raise
                break
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


def read_bounded_text(path: Path, limit: int) -> str:
    """The whole file as text (encoding detected), or ReadError when it is larger than `limit` bytes."""
    data = read_input(path, limit + 1)
    if len(data) > limit:
        raise ReadError(f"file larger than {limit >> 20} MB", str(path))
    return decode_bytes(data, str(path))
