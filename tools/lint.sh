#!/usr/bin/env bash
# The lint gate, run by the README's test command (tools/run_tests.sh) and so
# by CI: OpenMMLab's linters with their settings in setup.cfg (flake8, isort,
# yapf, codespell; the same hooks as .pre-commit-config.yaml), then the
# project's API rules (tools/lint/check_api.py: type hints on the public API,
# no mutable default arguments). Fix formatting with:
#   .venv/bin/isort mmpose_trs tools tests configs setup.py
#   .venv/bin/yapf -i -r mmpose_trs tools tests configs setup.py
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${TRS_VENV:-$ROOT/.venv}/bin"
CODE=(mmpose_trs tools tests configs setup.py)

run() { echo "[lint] $1"; shift; "$@" || { echo "[lint] FAILED: $*" >&2; exit 1; }; }
run "flake8" "$BIN/flake8" "${CODE[@]}"
run "isort" "$BIN/isort" --check-only --diff "${CODE[@]}"
run "yapf" "$BIN/yapf" --diff --recursive "${CODE[@]}"
run "codespell" "$BIN/codespell" "${CODE[@]}" docs README.md
run "API rules" "$BIN/python" tools/lint/check_api.py mmpose_trs tools
echo "[lint] passed"
