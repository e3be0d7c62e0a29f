"""`sverka stance`: score given (sentence, entity span) pairs, the RuSentNE line format."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sverka.errors import ReadError
from sverka.readers.encoding import read_text

err = Console(stderr=True)
LABEL_VALUES = {"negative": -1, "neutral": 0, "positive": 1}
BATCH = 256


def stance(
    input: Annotated[Path, typer.Option("--input", "-i", help='JSONL: {"id", "text", "entity_type", "start", "end"}')],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write {id, label, score} lines here.")] = None,
) -> None:
    """Score the sentiment toward given entity mentions: label -1 | 0 | 1 and its probability."""
    try:
        text = read_text(input)
    except ReadError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    rows, rejects = parse_rows(text, str(input))
    from sverka.nlp.stance.stage import score_pairs  # loads navec and the model: only when there is work

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for i in range(0, len(rows), BATCH):
            batch = rows[i:i + BATCH]
            items = [(r["text"], r["start"], r["end"], r.get("entity_type", "")) for r in batch]
            for row, (label, score) in zip(batch, score_pairs(items), strict=True):
                record = {"id": row["id"], "label": LABEL_VALUES[label], "score": round(score, 4)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    for line in rejects:
        err.print(f"[yellow]rejected[/] {line}")
    err.print(f"scored {len(rows)} pair(s), rejected {len(rejects)}" + (f" → {output}" if output else ""))
    raise typer.Exit(1 if rejects else 0)


def parse_rows(text: str, where: str) -> tuple[list[dict], list[str]]:
    rows, rejects = [], []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            rejects.append(f"{where}:{lineno}: broken JSON ({exc.msg} at column {exc.colno})")
            continue
        problem = check_row(row)
        if problem:
            rejects.append(f"{where}:{lineno}: {problem}")
            continue
        row.setdefault("id", f"{where}:{lineno}")
        rows.append(row)
    return rows, rejects


def check_row(row: object) -> str | None:
    if not isinstance(row, dict):
        return f"expected a JSON object, got {type(row).__name__}"
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        return "no 'text' (a non-empty string)"
    start, end = row.get("start"), row.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(row["text"]):
        return "'start' and 'end' must be character offsets into 'text' with start < end"
    return None
