# Sourced by the scripts: make .venv (Python 3.11+) and install sverka into it with the given extras.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PY" -m venv "$ROOT/.venv"
fi
# shellcheck disable=SC1091
. "$ROOT/.venv/bin/activate"
python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
log="$(mktemp)"
if ! python -m pip install -q -e "$ROOT${1:-}" >"$log" 2>&1; then
  cat "$log" >&2
  echo "pip could not install sverka (the log is above)" >&2
  exit 1
fi
rm -f "$log"
python -c "import sverka" || { echo "sverka did not install" >&2; exit 1; }
