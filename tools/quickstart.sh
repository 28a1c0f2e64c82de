#!/usr/bin/env bash
# The README's main command: set up .venv (idempotent; the lite stack, which
# needs no compiled mmcv ops, unless a full one is already there), then run
# the quick start (synthetic data, supervised baseline, TRS, table of AP).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup_env.sh --lite
exec "${TRS_VENV:-$ROOT/.venv}/bin/python" tools/quickstart.py "$@"
