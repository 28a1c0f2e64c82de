#!/usr/bin/env bash
# The README's test command: set up .venv with the full stack (idempotent;
# the detection tests need mmcv's compiled ops), run the lint gate
# (tools/lint.sh), then the suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup_env.sh --full
bash tools/lint.sh
exec "${TRS_VENV:-$ROOT/.venv}/bin/python" -m pytest tests "$@"
