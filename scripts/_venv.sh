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
python -m pip install -q -e "$ROOT${1:-}" 2>&1 | grep -v -E '^(WARNING: Location|  )' || true
python -c "import sverka" || { echo "sverka did not install" >&2; exit 1; }
