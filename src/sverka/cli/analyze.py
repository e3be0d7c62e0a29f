"""`sverka analyze`: one text, stdin, or a JSONL batch → a report or the JSON contract."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sverka.api import analyze_docs
from sverka.cli.report import print_report
from sverka.doc import Document
from sverka.errors import ReadError, SverkaError
from sverka.readers.encoding import decode_bytes, read_text

err = Console(stderr=True)

# A JSONL line longer than this is rejected rather than parsed: it bounds memory per record.
MAX_LINE_CHARS = 5_000_000


def analyze(
    path: Annotated[str | None, typer.Argument(help="A text file, or - for standard input.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date or time (ISO 8601), resolves relative dates.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text (a readable report) | json | jsonl")] = "text",
    input: Annotated[
        Path | None, typer.Option("--input", "-i", help="JSONL batch: one {id, text, published?} per line.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSONL analyses here.")] = None,
    aliases: Annotated[
        Path | None, typer.Option(help="Extra aliases CSV (alias,name,type[,country]) for entity names.")
    ] = None,
    stages: Annotated[str | None, typer.Option(help="Comma-separated stages to run (default: all).")] = None,
    tokens: Annotated[bool, typer.Option(help="Include tokens (lemma, POS, syntax) in JSON output.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            help="Run the --input batch on Dask: 'processes' (all local cores) or a scheduler address; "
            "--input may be a glob, --output is then a folder of JSONL parts."
        ),
    ] = None,
) -> None:
    """Analyse a post: entities, dates, claims, stance. Prints a report, or JSON with --format json."""
    if aliases is not None:
        from sverka.nlp.entities.gazetteer import load_user_aliases

        try:
            load_user_aliases(aliases)
        except SverkaError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
    try:
        when = datetime.fromisoformat(published) if published else None
    except ValueError as exc:
        err.print(f"[red]error:[/] --published {published!r} is not an ISO date (use YYYY-MM-DD)")
        raise typer.Exit(2) from exc
    stage_list = [s.strip() for s in stages.split(",")] if stages else None

    if input is not None and dask is not None:
        raise typer.Exit(run_dask(str(input), output, dask, stage_list))
    if input is not None:
        rejected = run_batch(input, output, when, stage_list, tokens)
        raise typer.Exit(1 if rejected else 0)
    if path is None:
        err.print("[red]error:[/] give a file, - for standard input, or --input docs.jsonl")
        raise typer.Exit(2)
    try:
        text = decode_bytes(sys.stdin.buffer.read(), "<stdin>") if path == "-" else read_text(path)
    except ReadError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    if not text.strip():
        err.print(f"[red]error:[/] {'<stdin>' if path == '-' else path}: empty input, nothing to analyse")
        raise typer.Exit(1)
    doc_id = "stdin" if path == "-" else Path(path).name
    analysis = next(analyze_docs([Document(id=doc_id, text=text, published=when)], stages=stage_list))
    if output is not None:
        output.write_text(json.dumps(analysis.to_dict(tokens), ensure_ascii=False) + "\n", encoding="utf-8")
    elif fmt in ("json", "jsonl"):
        indent = 2 if fmt == "json" else None
        sys.stdout.write(json.dumps(analysis.to_dict(tokens), ensure_ascii=False, indent=indent) + "\n")
    else:
        print_report(analysis)


def run_dask(pattern: str, output: Path | None, scheduler: str, stages: list[str] | None) -> int:
    from sverka.run.dask import analyze_corpus

    if output is None:
        err.print("[red]error:[/] --dask writes a folder of parts: give --output DIR")
        return 2
    try:
        result = analyze_corpus([pattern], output, scheduler=scheduler, stages=stages)
    except SverkaError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    err.print(
        f"analysed {result.analysed} document(s) in {result.parts} part(s), rejected {result.rejected} → {output}"
        + (f" (see {output}/rejects-*.jsonl)" if result.rejected else "")
    )
    return 1 if result.rejected else 0


def run_batch(
    input: Path, output: Path | None, published: datetime | None, stages: list[str] | None, tokens: bool
) -> int:
    """Analyse every good line; report each bad one with file and line; return how many were rejected."""
    rejects: list[str] = []
    docs = read_jsonl_docs(input, published, rejects)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    done = 0
    try:
        for analysis in analyze_docs(docs, stages=stages):
            out.write(json.dumps(analysis.to_dict(tokens), ensure_ascii=False) + "\n")
            done += 1
    finally:
        if output:
            out.close()
    for line in rejects:
        err.print(f"[yellow]rejected[/] {line}")
    err.print(f"analysed {done} document(s), rejected {len(rejects)}" + (f" → {output}" if output else ""))
    return len(rejects)


def read_jsonl_docs(path: Path, published: datetime | None, rejects: list[str]) -> Iterator[Document]:
    try:
        text = read_text(path)
    except ReadError as exc:
        rejects.append(str(exc))
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        if len(line) > MAX_LINE_CHARS:
            rejects.append(f"{where}: line longer than {MAX_LINE_CHARS} characters")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            rejects.append(f"{where}: broken JSON ({exc.msg} at column {exc.colno})")
            continue
        doc = record_to_doc(record, where, published, rejects)
        if doc is not None:
            yield doc


def record_to_doc(record: object, where: str, published: datetime | None, rejects: list[str]) -> Document | None:
    if not isinstance(record, dict):
        rejects.append(f"{where}: expected a JSON object, got {type(record).__name__}")
        return None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        rejects.append(f"{where}: no 'text' (a non-empty string) in the record")
        return None
    when = published
    if record.get("published"):
        try:
            when = datetime.fromisoformat(str(record["published"]).replace("Z", "+00:00"))
        except ValueError:
            rejects.append(f"{where}: 'published' {record['published']!r} is not an ISO date")
            return None
    return Document(
        id=str(record.get("id") or where),
        text=text,
        published=when,
        source=record.get("source"),
        url=record.get("url"),
    )
