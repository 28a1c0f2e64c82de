#!/usr/bin/env bash
# Create (or refresh) the project's virtual environment in .venv.
#
# Stages (measured facts in docs/install.md):
#   1. pinned plain wheels (requirements/base.txt, requirements/tests.txt)
#   2. xtcocotools rebuilt from source against numpy 2
#   3. full mmcv 2.1.0 compiled from source with its C++ ops (~10 min once)
#   4. mmpose 1.3.2 and openmim 0.3.9 without their dependencies
#   5. the torchvision import fix, applied only where `import torchvision` fails
#   6. this package in editable mode
# Idempotent: when nothing it installs from has changed and the stack imports,
# a second run returns in seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TRS_VENV:-$ROOT/.venv}"
PY_BOOT="${PYTHON:-python3}"
STAMP="$VENV/.mmpose_trs_stamp"

step() { echo "[setup_env] $*"; }
fail() { echo "[setup_env] ERROR: $*" >&2; exit 1; }

# What the environment is built from: any change here triggers a rebuild.
fingerprint() {
  cat "$ROOT/requirements/"*.txt "$ROOT/tools/setup_env.sh" \
      "$ROOT/tools/fix_torchvision.py" "$ROOT/setup.py" | sha256sum | cut -d' ' -f1
}

stack_imports() {
  "$VENV/bin/python" - <<'PY' >/dev/null 2>&1
import torch, torchvision, mmcv, mmcv.ops, mmengine, mmdet, mmpose.apis, xtcocotools, mim
import mmpose_trs
PY
}

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$(fingerprint)" ]] && stack_imports; then
  step "environment in $VENV is up to date"
  exit 0
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  step "creating virtual environment $VENV"
  "$PY_BOOT" -m venv "$VENV" || fail "could not create a virtual environment with $PY_BOOT"
fi
PIP=("$VENV/bin/python" -m pip install --disable-pip-version-check)

step "stage 1/6: pinned wheels"
"${PIP[@]}" -r "$ROOT/requirements/base.txt" -r "$ROOT/requirements/tests.txt" \
  || fail "stage 1 (pinned wheels from requirements/base.txt) failed"

pin() { grep -E "^$1==" "$ROOT/requirements/openmmlab.txt" || fail "no pin for $1 in requirements/openmmlab.txt"; }

step "stage 2/6: $(pin xtcocotools) from source (the wheel is built against numpy 1)"
if ! "$VENV/bin/python" -c "import xtcocotools.coco" >/dev/null 2>&1; then
  "${PIP[@]}" --no-build-isolation --no-binary xtcocotools "$(pin xtcocotools)" \
    || fail "stage 2 (xtcocotools source build) failed"
fi

step "stage 3/6: $(pin mmcv) with C++ ops, from source (~10 min the first time, cached by pip after)"
if ! "$VENV/bin/python" -c "import mmcv.ops" >/dev/null 2>&1; then
  MMCV_WITH_OPS=1 MAX_JOBS="${MAX_JOBS:-2}" FORCE_CUDA=0 \
    "${PIP[@]}" --no-build-isolation "$(pin mmcv)" \
    || fail "stage 3 (mmcv build from source) failed; it needs gcc, g++ and ~3 GB of memory"
fi

step "stage 4/6: $(pin mmpose) and $(pin openmim) without dependencies"
"${PIP[@]}" --no-deps "$(pin mmpose)" "$(pin openmim)" || fail "stage 4 (mmpose/openmim) failed"

step "stage 5/6: torchvision import check"
"$VENV/bin/python" "$ROOT/tools/fix_torchvision.py" || fail "stage 5 (torchvision fix) failed"

step "stage 6/6: mmpose_trs in editable mode"
"${PIP[@]}" --no-deps --no-build-isolation -e "$ROOT" || fail "stage 6 (editable install) failed"

stack_imports || fail "the stack does not import; run: $VENV/bin/python -c 'import mmpose.apis, mmpose_trs'"
fingerprint > "$STAMP"
step "done: $VENV"
