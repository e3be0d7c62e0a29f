#!/usr/bin/env bash
# Installs sverka with its test extras into .venv and runs the whole test suite (slow tests included).
# Store tests also run on PostgreSQL when SVERKA_TEST_PG is set (.ci/run starts one).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/scripts/_venv.sh" "[dev]"
cd "$ROOT"
exec python -m pytest -q "$@"
