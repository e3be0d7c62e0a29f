#!/usr/bin/env bash
# Fresh machine → installs sverka into .venv, then runs the main job end to end on the bundled samples:
# analyses the seed post, ingests the sample Telegram channels and news into a SQLite database,
# and prints what is in it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/scripts/_venv.sh"
cd "$ROOT"
exec sverka demo "$@"
