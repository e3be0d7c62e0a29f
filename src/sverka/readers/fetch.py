"""The one place readers touch the network: a URL the user gave (a feed, an OPML's feeds, a t.me/s page)."""

from __future__ import annotations

import urllib.request

from sverka.errors import ReadError
from sverka.readers.compressed import READ_ERRORS

TIMEOUT = 20  # seconds
USER_AGENT = "sverka/0.1 (reader; +https://github.com/sverka)"


def fetch_bytes(url: str, limit: int) -> bytes:
    """At most `limit` bytes from the URL, or ReadError saying why not."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = response.read(limit + 1)
    except (*READ_ERRORS, ValueError) as exc:
        raise ReadError(f"cannot fetch: {exc}", url) from exc
    if len(data) > limit:
        raise ReadError(f"larger than {limit >> 20} MB", url)
    return data
