# Sourced by scripts/run and scripts/test: make .venv (Python 3.11+) and install a requirements file
# into it, reinstalling only when the file changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REQS="${1:-requirements.txt}"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$REQS")-$(cat requirements*.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$REQS"
  touch "$stamp"
fi
