#!/usr/bin/env bash
# Install the project with its test extras, then run the tests and the evaluation gate.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e ".[test]"
python3 -m pytest -q
tollwatch eval --gate eval_baseline.json
