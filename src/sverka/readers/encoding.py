"""Decode bytes of unknown encoding: UTF-8 (with or without BOM), cp1251, koi8-r and the rest."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from sverka.errors import ReadError

# Control characters other than tab/newline/carriage return in more than this share of the
# first bytes mean the input is binary, not text.
BINARY_SHARE = 0.05
PROBE_BYTES = 8192


def decode_bytes(data: bytes, path: str | None = None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if looks_binary(data):
        raise ReadError("binary data, not text (is this the right file?)", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1 << 20], cp_isolation=["cp1251", "koi8_r", "utf_8", "cp866", "latin_1"]).best()
    if best is None:
        raise ReadError("cannot detect the text encoding; convert the file to UTF-8", path)
    return data.decode(best.encoding, errors="replace")


def looks_binary(data: bytes) -> bool:
    probe = data[:PROBE_BYTES]
    if b"\x00" in probe:
        return True
    controls = sum(1 for b in probe if b < 32 and b not in (9, 10, 13, 12))
    return bool(probe) and controls / len(probe) > BINARY_SHARE


def read_text(path: str | Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", str(path)) from exc
    return decode_bytes(data, str(path))


def detect_encoding(data: bytes, path: str | None = None) -> str:
    """The codec name for a file's first bytes, for decoding a stream line by line."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if looks_binary(data):
        raise ReadError("binary data, not text (is this the right file?)", path)
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4:  # a character cut at the end of the probe
            return "utf-8"
    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "utf_8", "cp866", "latin_1"]).best()
    if best is None:
        raise ReadError("cannot detect the text encoding; convert the file to UTF-8", path)
    return best.encoding
