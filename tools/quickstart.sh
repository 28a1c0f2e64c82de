#!/usr/bin/env bash
# The README's main command: set up .venv (idempotent), then run the quick
# start (synthetic data, supervised baseline, TRS, table of AP).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup_env.sh
exec .venv/bin/python tools/quickstart.py "$@"
