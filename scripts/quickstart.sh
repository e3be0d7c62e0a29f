#!/usr/bin/env bash
# Fresh machine → installs sverka into .venv, then runs the main job end to end on the bundled samples:
# one post analysed (the seed from ../shared, when it is there), 462 real posts of eight channels
# ingested and analysed into a SQLite database, then what a user asks of it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/scripts/_venv.sh"
cd "$ROOT"
DB="${SVERKA_DEMO_DB:-sverka-demo.db}"
SEED="${SVERKA_SHARED:-$ROOT/../shared}/examples/seed.txt"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

if [ -f "$SEED" ]; then
  step sverka analyze "$SEED" --published 2022-01-10
else
  echo "(the seed post is not at $SEED: skipping the single-post report)"
fi
step sverka ingest examples/telegram --db "$DB"
step sverka stats --db "$DB"
step sverka search "Путин Казахстан" --db "$DB" --limit 5
step sverka claims --db "$DB" --check-worthy 0.7 --limit 10
step sverka link --db "$DB"
step sverka stories --db "$DB" --min-size 4
step sverka sources --db "$DB"
echo
echo "Database: $DB. Next: sverka serve --db $DB (web UI), sverka export --db $DB --format parquet --out corpus/"
