"""Publication times as sources write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sverka.readers.dates import parse_time

MSK = ZoneInfo("Europe/Moscow")


@pytest.mark.parametrize(
    ("value", "expected", "ambiguous"),
    [
        ("2024-11-26T22:40:04+00:00", datetime(2024, 11, 26, 22, 40, 4, tzinfo=UTC), False),
        ("2024-11-26T22:40:04Z", datetime(2024, 11, 26, 22, 40, 4, tzinfo=UTC), False),
        ("2024-11-26 13:05", datetime(2024, 11, 26, 13, 5, tzinfo=MSK), True),
        ("2024-11-26", datetime(2024, 11, 26, tzinfo=MSK), True),
        ("1732615500", datetime(2024, 11, 26, 10, 5, tzinfo=UTC), False),
        (1732615500, datetime(2024, 11, 26, 10, 5, tzinfo=UTC), False),
        (1732615500123, datetime(2024, 11, 26, 10, 5, 0, 123000, tzinfo=UTC), False),
        ("26.11.2024 13:05:00", datetime(2024, 11, 26, 13, 5, tzinfo=MSK), True),
        ("26.11.2024, 13:05", datetime(2024, 11, 26, 13, 5, tzinfo=MSK), True),
        ("26.11.2024 13:05:00 UTC+03:00", datetime(2024, 11, 26, 13, 5, tzinfo=timezone(timedelta(hours=3))), False),
        ("Tue, 26 Nov 2024 10:00:00 +0300", datetime(2024, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=3))), False),
    ],
)
def test_parse_time(value, expected, ambiguous):
    assert parse_time(value, MSK) == (expected, ambiguous)


@pytest.mark.parametrize("value", [None, "", "вчера", "31.02.2024", True, 42, "99999999999999999", float("nan")])
def test_unparseable_times_are_none(value):
    assert parse_time(value, MSK) == (None, False)
