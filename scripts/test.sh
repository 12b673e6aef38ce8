#!/usr/bin/env bash
# The README's second set-up command: install what the tests need, then run the tests and the evaluation gate.
# Debian packages (a PostgreSQL server for the storage tests) are installed when missing; that needs root.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

python3 -m pip install -q -e ".[test]"
python3 -m pytest -q
tollwatch eval --gate eval_baseline.json
