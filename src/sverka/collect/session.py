"""The Telegram client under the user's own account: credentials from the environment, a session file.

`api_id` and `api_hash` (from my.telegram.org) come from `SVERKA_TG_API_ID` and `SVERKA_TG_API_HASH`,
or are asked for by `sverka login`; they are never written to the database or the logs. The session
file that Telethon writes after the login (it holds the account's authorisation: keep it private)
is `SVERKA_TG_SESSION`, `--session`, or `~/.config/sverka/telegram.session`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sverka.errors import ConfigError

DEFAULT_SESSION = Path("~/.config/sverka/telegram.session")


def session_path(option: Path | None = None) -> Path:
    """The session file: the option, else `SVERKA_TG_SESSION`, else the default; `.session` added."""
    path = option or (Path(os.environ["SVERKA_TG_SESSION"]) if os.environ.get("SVERKA_TG_SESSION") else None)
    path = (path or DEFAULT_SESSION).expanduser()
    return path if path.suffix == ".session" else path.with_name(path.name + ".session")


def credentials(api_id: int | None = None, api_hash: str | None = None) -> tuple[int, str]:
    """(api_id, api_hash) from the arguments or the environment; ConfigError naming what is missing."""
    raw_id = api_id if api_id is not None else os.environ.get("SVERKA_TG_API_ID")
    raw_hash = api_hash or os.environ.get("SVERKA_TG_API_HASH")
    if raw_id in (None, "") or not raw_hash:
        raise ConfigError("Telegram API credentials are missing: set SVERKA_TG_API_ID and SVERKA_TG_API_HASH "
                          "(from https://my.telegram.org → API development tools), or run `sverka login`")
    try:
        return int(raw_id), str(raw_hash)
    except ValueError as exc:
        raise ConfigError("SVERKA_TG_API_ID must be a number (the api_id from my.telegram.org)") from exc


def make_client(session: Path, api_id: int, api_hash: str) -> Any:
    """A `telethon.TelegramClient` on the session file (created private, in a private folder)."""
    try:
        from telethon import TelegramClient
    except ImportError as exc:
        raise ConfigError('collecting from Telegram needs Telethon: pip install "sverka[collect]"') from exc
    session.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    client = TelegramClient(str(session.with_suffix("")), api_id, api_hash)
    if session.exists():
        session.chmod(0o600)
    return client
