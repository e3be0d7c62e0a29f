"""Fixtures of the linking tests: the labelled dev day, read once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def dev(shared):
    from sverka.link.devset import load_devset

    return load_devset()
