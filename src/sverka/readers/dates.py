"""Publication times as sources write them: ISO 8601, unix seconds, `DD.MM.YYYY HH:MM:SS`, RFC 822.

A time without an offset is the writer's local time: it is read in the zone the caller gives
(`--tz`, default UTC) and reported as ambiguous, so the caller can record `meta["time_ambiguous"]`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any

# `16.03.2022 19:24:40`, as Telegram's HTML export writes it, newer ones with ` UTC+03:00`.
DOTTED = re.compile(
    r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:(?:[ T]|,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*UTC([+-]\d{1,2}):?(\d{2})?)?"
)
# Unix seconds between 1990 and 2100; milliseconds are recognised by size.
MIN_UNIX, MAX_UNIX = 631152000, 4102444800


def parse_time(value: Any, tz: tzinfo = UTC) -> tuple[datetime | None, bool]:
    """(aware datetime or None, ambiguous). Never raises on bad input."""
    if value is None or isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        return from_unix(value), False
    text = str(value).strip()
    if not text:
        return None, False
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return from_unix(float(text)), False
    parsed = _iso(text) or _dotted(text) or _rfc822(text)
    if parsed is None:
        return None, False
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=tz), True
    return parsed, False


def from_unix(value: float) -> datetime | None:
    if value > MAX_UNIX * 1000:
        return None
    if value > MAX_UNIX:
        value /= 1000
    if not MIN_UNIX <= value <= MAX_UNIX:
        return None
    return datetime.fromtimestamp(value, UTC)


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return None


def _dotted(text: str) -> datetime | None:
    match = DOTTED.fullmatch(text)
    if not match:
        return None
    day, month, year, hour, minute, second, off_h, off_m = match.groups()
    try:
        result = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if off_h is None:
        return result
    sign = -1 if off_h.startswith("-") else 1
    minutes = int(off_h) * 60 + sign * int(off_m or 0)
    return _with_offset(result, minutes)


def _with_offset(value: datetime, minutes: int) -> datetime | None:
    try:
        return value.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    except ValueError:
        return None


def _rfc822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
