"""Where things are: the shared data folder beside the repo, the default database, package data."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"  # gazetteers and lexicons shipped in the package
MODELS_DIR = PACKAGE_DIR / "models"  # models the project trains and ships
REPO_DIR = PACKAGE_DIR.parents[1]
DEFAULT_DB = "sqlite:///sverka.db"


def shared_dir() -> Path:
    """The labelled corpora and samples: $SVERKA_SHARED, else ../shared beside the repo."""
    env = os.environ.get("SVERKA_SHARED")
    return Path(env) if env else (REPO_DIR.parent / "shared")


def database_url(url: str | None = None) -> str:
    """--db, else $SVERKA_DB, else ./sverka.db. A bare file path means SQLite."""
    url = url or os.environ.get("SVERKA_DB") or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def stance_nets() -> int | None:
    """How many of the shipped stance nets to run (SVERKA_STANCE_NETS; unset: all, 0: the linear model alone).

    The nets cost most of the pipeline's time; fewer trade a little F1 for speed (docs/stance.md).
    """
    value = os.environ.get("SVERKA_STANCE_NETS", "").strip()
    return int(value) if value.isdigit() else None
