"""Plain text and Markdown files: one file, one document.

The encoding is detected (`encoding.py`: UTF-8, BOM, cp1251, koi8-r); Windows/Mac line ends become
"\\n". A Markdown file keeps its markup in the text; its first `# heading` is recorded as
`meta["title"]`. The id is `file:` + a hash of the normalised text, so the same text under
another name is the same document; the publication time is unknown (None).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..doc import Document
from ..errors import ReadError
from .base import Reject
from .common import Options, make_document, reject, text_id
from .encoding import read_text

NAME = "text"
HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)
MAX_FILE_BYTES = 64 << 20


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            yield reject(path, "", f"file larger than {MAX_FILE_BYTES >> 20} MB; split it or use JSONL")
            return
        text = read_text(path)
    except ReadError as exc:
        yield reject(path, exc.position, exc.reason)
        return
    except OSError as exc:
        yield reject(path, "", f"cannot read: {exc.strerror}")
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        opts.stats.skip("no_text")
        return
    meta = {}
    heading = HEADING.search(text[:4096]) if path.suffix.lower() in (".md", ".markdown") else None
    if heading:
        meta["title"] = heading.group(1)
    yield make_document(path, "", NAME, text_id(text), text, opts, meta)
