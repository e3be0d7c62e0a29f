"""Fixtures shared by every test package: the shared data folder, the seed, one analysis of it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from sverka.config import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not (path / "data").is_dir():
        pytest.skip(f"the shared data folder is not at {path} (set SVERKA_SHARED)")
    return path


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    return (shared / "examples" / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_analysis(seed_text: str):
    from sverka import analyze

    return analyze(seed_text, published=datetime(2022, 1, 10), id="seed.txt")
