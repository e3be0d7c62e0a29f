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

from sverka.doc import Document
from sverka.errors import ReadError
from sverka.readers.base import Reject
from sverka.readers.common import Options, make_document, reject, text_id
from sverka.readers.compressed import READ_ERRORS, inner_suffix, read_bounded_text

NAME = "text"
HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)
MAX_FILE_BYTES = 64 << 20


def read(path: Path, opts: Options) -> Iterator[Document | Reject]:
    try:
        text = read_bounded_text(path, MAX_FILE_BYTES)
    except ReadError as exc:
        yield reject(path, exc.position, exc.reason)
        return
    except READ_ERRORS as exc:
        yield reject(path, "", f"cannot read: {exc}")
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        opts.stats.skip("no_text")
        return
    meta = {}
    heading = HEADING.search(text[:4096]) if inner_suffix(path) in (".md", ".markdown") else None
    if heading:
        meta["title"] = heading.group(1)
    yield make_document(path, "", NAME, text_id(text), text, opts, meta)
