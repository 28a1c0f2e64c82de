#!/usr/bin/env bash
# Create (or refresh) the project's virtual environment in .venv.
#
# Stages (measured facts in docs/install.md):
#   1. pinned plain wheels (requirements/base.txt, requirements/tests.txt)
#   2. xtcocotools rebuilt from source against numpy 2
#   3. mmcv 2.1.0: full, compiled from source with its C++ ops (--full, the
#      default; ~15 min the first time), or the pure-Python mmcv-lite wheel
#      with a stand-in for the compiled ops (--lite: seconds; enough for
#      training, testing and export; not for detection, which needs the ops)
#   4. mmpose 1.3.2, openmim 0.3.9 and albumentations 1.4.24 (RTMPose's
#      pipelines) without their dependencies
#   5. the torchvision import fix, applied only where `import torchvision` fails,
#      and the MMPose visualizer fix, only where numpy 2.4 needs it
#   6. this package in editable mode
# Idempotent: when nothing it installs from has changed and the stack imports,
# a second run returns in seconds. An environment built --full also serves
# --lite; a --lite one is upgraded by --full (compiling mmcv).
#
# Usage: bash tools/setup_env.sh [--full | --lite]
set -euo pipefail

MODE=full
case "${1:-}" in
  --full|"") MODE=full ;;
  --lite) MODE=lite ;;
  *) echo "[setup_env] ERROR: unknown option $1 (use --full or --lite)" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TRS_VENV:-$ROOT/.venv}"
PY_BOOT="${PYTHON:-python3}"
STAMP="$VENV/.mmpose_trs_stamp"

step() { echo "[setup_env] $*"; }
fail() { echo "[setup_env] ERROR: $*" >&2; exit 1; }

# What the environment is built from: any change here triggers a rebuild.
fingerprint() {
  cat "$ROOT/requirements/"*.txt "$ROOT/tools/setup_env.sh" \
      "$ROOT/tools/fix_torchvision.py" "$ROOT/tools/fix_mmpose_visualizer.py" \
      "$ROOT/setup.py" | sha256sum | cut -d' ' -f1
}

stack_imports() {
  "$VENV/bin/python" - <<'PY' >/dev/null 2>&1
import torch, torchvision, mmcv, mmcv.ops, mmengine, mmdet, mmpose.apis, xtcocotools, mim
import albumentations
import mmpose_trs
PY
}

# "full" when mmcv's compiled ops are real, "lite" when they are the stand-in
mmcv_kind() {
  "$VENV/bin/python" -c "import mmcv._ext as e; print('lite' if getattr(e, 'IS_LITE_STUB', False) else 'full')" 2>/dev/null || echo none
}

up_to_date() {
  [[ -f "$STAMP" && "$(cat "$STAMP")" == "$(fingerprint)" ]] && stack_imports || return 1
  [[ "$MODE" == lite || "$(mmcv_kind)" == full ]]
}

if up_to_date; then
  step "environment in $VENV is up to date ($(mmcv_kind) mmcv)"
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

if [[ "$MODE" == lite && "$(mmcv_kind)" != full ]]; then
  step "stage 3/6: $(pin mmcv-lite) (pure Python) and the stand-in for the compiled ops"
  "${PIP[@]}" --no-deps "$(pin mmcv-lite)" || fail "stage 3 (mmcv-lite) failed"
  SITE="$("$VENV/bin/python" -c 'import mmcv, os; print(os.path.dirname(mmcv.__file__))')"
  cp "$ROOT/tools/mmcv_lite_ext.py" "$SITE/_ext.py" || fail "stage 3 (mmcv-lite stand-in) failed"
else
  step "stage 3/6: $(pin mmcv) with C++ ops, from source (~15 min the first time, cached by pip after)"
  if [[ "$(mmcv_kind)" != full ]]; then
    # replaces mmcv-lite and its stand-in, if this environment was --lite
    "$VENV/bin/python" - <<'PY' || true
import importlib.util, os
spec = importlib.util.find_spec('mmcv')
stub = spec and os.path.join(os.path.dirname(spec.origin), '_ext.py')
if stub and os.path.isfile(stub):
    os.remove(stub)
PY
    "$VENV/bin/python" -m pip uninstall -y -q mmcv-lite >/dev/null 2>&1 || true
    MMCV_WITH_OPS=1 MAX_JOBS="${MAX_JOBS:-2}" FORCE_CUDA=0 \
      "${PIP[@]}" --no-build-isolation --force-reinstall --no-deps "$(pin mmcv)" \
      || fail "stage 3 (mmcv build from source) failed; it needs gcc, g++ and ~3 GB of memory"
  fi
fi

step "stage 4/6: $(pin mmpose), $(pin openmim), $(pin albumentations) and $(pin albucore) without dependencies"
"${PIP[@]}" --no-deps "$(pin mmpose)" "$(pin openmim)" "$(pin albumentations)" "$(pin albucore)" \
  || fail "stage 4 (mmpose/openmim/albumentations) failed"

step "stage 5/6: torchvision import check, MMPose visualizer under numpy 2.4"
"$VENV/bin/python" "$ROOT/tools/fix_torchvision.py" || fail "stage 5 (torchvision fix) failed"
"$VENV/bin/python" "$ROOT/tools/fix_mmpose_visualizer.py" || fail "stage 5 (mmpose visualizer fix) failed"

step "stage 6/6: mmpose_trs in editable mode"
"${PIP[@]}" --no-deps --no-build-isolation -e "$ROOT" || fail "stage 6 (editable install) failed"

stack_imports || fail "the stack does not import; run: $VENV/bin/python -c 'import mmpose.apis, mmpose_trs'"
fingerprint > "$STAMP"
step "done: $VENV ($(mmcv_kind) mmcv)"
