#!/usr/bin/env bash
# The README's test command: set up .venv with the full stack (idempotent;
# the detection tests need mmcv's compiled ops), run the lint gate
# (tools/lint.sh), then the suite: in TRS_TEST_WORKERS processes (default 2,
# one per core of the project's machine; 0 runs it in this process), each
# file's tests in one process (module fixtures are built once), one torch
# thread per process unless OMP_NUM_THREADS says otherwise.
#   --fast: the daily loop, without the tests marked e2e (trainings,
#           subprocesses, the wheel install); CI runs everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup_env.sh --full
bash tools/lint.sh
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
MARK=()
if [[ "${1:-}" == --fast ]]; then
  shift
  MARK=(-m "not e2e and not install")
fi
exec "${TRS_VENV:-$ROOT/.venv}/bin/python" -m pytest tests \
  -n "${TRS_TEST_WORKERS:-2}" --dist loadfile "${MARK[@]}" "$@"
