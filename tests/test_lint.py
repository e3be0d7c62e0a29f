"""The tree stays ruff- and mypy-clean: a lint error fails the suite like any other regression."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from sverka.config import REPO_DIR


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO_DIR, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None and not (REPO_DIR / ".venv/bin/ruff").exists(), reason="ruff missing")
def test_ruff_is_clean() -> None:
    result = run(sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
