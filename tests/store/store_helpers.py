"""Test helpers: dump every table comparably; hand-built Telegram Desktop exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sverka.config import shared_dir
from sverka.store import Store
from sverka.store import schema as t

SAMPLES = shared_dir() / "data" / "samples"
NKTKLN = SAMPLES / "telegram" / "nktkln_channels_2024-11-26"
TDESKTOP = SAMPLES / "telegram" / "tdesktop_export_test_group_2022"
FAST_STAGES = ["lang", "segment", "morph", "ner", "entities"]  # enough for the entity filter, and quick

# Which run did the work differs between a clean run and a killed-and-resumed one; nothing else may.
RUN_COLUMNS = {"run_id", "updated_run_id"}


def dump(store: Store) -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            if table is t.ingest_runs:
                continue
            rows = conn.execute(select(table)).mappings()
            cols = [c.name for c in table.columns if c.name not in RUN_COLUMNS and c.name != "seq"]
            tables[table.name] = sorted(json.dumps({c: _plain(r[c]) for c in cols}, ensure_ascii=False,
                                                   sort_keys=True) for r in rows)
    return tables


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def channel_export(folder: Path, messages: list[dict], name: str = "Канал для проверки", chat_id: int = 4242) -> Path:
    """A Telegram Desktop JSON export of a public channel (the newer layout), written by hand."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {"name": name, "type": "public_channel", "id": chat_id, "messages": messages}
    path = folder / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def message(msg_id: int, text: str, unixtime: int, edited: int | None = None, **extra) -> dict:
    msg = {"id": msg_id, "type": "message", "date": "2024-11-26T10:00:00", "date_unixtime": str(unixtime),
           "from": "Канал для проверки", "from_id": "channel4242", "text": text,
           "text_entities": [{"type": "plain", "text": text}], **extra}
    if edited is not None:
        msg["edited"] = "2024-11-26T12:00:00"
        msg["edited_unixtime"] = str(edited)
    return msg
