"""Check what the readers make of your files before ingesting them.

    python -m sverka.readers ChatExport_2024-11-26/ dumps/ --tz Europe/Moscow
    python -m sverka.readers posts.csv --map text=body,published=time --jsonl > docs.jsonl

Prints every Reject to stderr and a summary (files, documents, rejects, skipped by reason,
documents/s, peak RSS); with `--jsonl` also every Document as one JSON line on stdout.
Exit code 1 when anything was rejected, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

from sverka.errors import ConfigError
from sverka.readers import FORMATS, ReadStats, Reject, read


def parse_mapping(value: str) -> dict[str, str]:
    pairs = [item.split("=", 1) for item in value.split(",") if item.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise argparse.ArgumentTypeError("use --map field=column,field=column (e.g. text=body,published=time)")
    return {field.strip(): column.strip() for field, column in pairs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sverka.readers", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="files, folders or feed URLs")
    parser.add_argument("--format", choices=FORMATS, help="skip sniffing and use this reader")
    parser.add_argument("--tz", default="UTC", help="zone of local times without an offset (default UTC)")
    parser.add_argument("--map", type=parse_mapping, default=None, help="field=column pairs for JSONL/CSV")
    parser.add_argument("--jsonl", action="store_true", help="print the documents as JSON lines")
    args = parser.parse_args(argv)
    stats = ReadStats()
    started = time.perf_counter()
    try:
        for path in args.paths:
            for item in read(path, args.format, tz=args.tz, mapping=args.map, stats=stats):
                if isinstance(item, Reject):
                    print(f"reject: {item}", file=sys.stderr)
                elif args.jsonl:
                    print(json.dumps(item.to_dict(), ensure_ascii=False, default=str))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `| head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    seconds = time.perf_counter() - started
    print(summary(stats, seconds), file=sys.stderr)
    return 1 if stats.rejects else 0


def summary(stats: ReadStats, seconds: float) -> str:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    skipped = ", ".join(f"{reason} {n}" for reason, n in sorted(stats.skipped.items())) or "none"
    rate = stats.documents / seconds if seconds > 0 else 0.0
    return (
        f"files {stats.files}  documents {stats.documents}  rejects {stats.rejects}  skipped: {skipped}\n"
        f"{seconds:.2f} s  {rate:,.0f} documents/s  peak RSS {peak_mb:,.0f} MB"
    )


if __name__ == "__main__":
    sys.exit(main())
