#!/usr/bin/env bash
# Run one lab of tools/benchmark_accuracy.py in the background, from a frozen
# copy of the code, keeping every finished run in the repository.
#
#   bash tools/run_lab.sh a|b [COMMIT] [-- extra benchmark_accuracy options]
#
# - COMMIT (default HEAD) is checked out once as a git worktree beside this
#   checkout (../lab_<lab>_<short sha>), so editing this checkout never
#   changes a running lab's code.
# - The lab runs as `OMP_NUM_THREADS=1 nice python tools/benchmark_accuracy.py
#   --lab <lab> --order arm` (lab a: `--claims`), its work dir here
#   (work_dirs/benchmark_accuracy[_lab_b]), and copies each finished run.json
#   to docs/benchmark_runs/lab_<lab>/ (--keep-dir): commit that folder and the
#   results outlive the machine. Runs found there are not trained again.
# - Resumable: run the same command again after an interruption (a finished
#   arm is reused, an interrupted one resumes from its newest checkpoint).
# Log: work_dirs/<block>.log; the process id: work_dirs/<block>.pid.
# - Stop: kill $(cat work_dirs/<block>.pid). The training under way receives
#   the SIGTERM too (run_tool passes it on), writes a checkpoint of its last
#   iteration (PreemptionHook) and ends; the same command resumes it.
# - Pairs are trained on one machine: a machine whose burn-ins are other
#   weights than the kept runs' keeps its runs as another block of the lab,
#   TRS_LAB_BLOCK=lab_b_m2 (default lab_<lab>): docs/benchmark_runs/<block>/,
#   log and pid work_dirs/<block>.{log,pid}; benchmark_claims.py reads a lab
#   as its blocks (tools/benchmark/pairs.py, runs.KEPT_RUNS). A block whose
#   kept runs record another machine is refused before anything trains
#   (runs.check_block_machine).
# TRS_LAB_FROZEN names the frozen copy instead (used as it is when present),
# TRS_LAB_OUT the folder that holds work_dirs/, data/ and docs/benchmark_runs/
# (default: this checkout).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB="${1:?usage: bash tools/run_lab.sh a|b [COMMIT] [-- options]}"
shift
OUT="${TRS_LAB_OUT:-$ROOT}"
case "$LAB" in
  a) OPTS=(--claims) ; WORK="$OUT/work_dirs/benchmark_accuracy" ;;
  b) OPTS=() ; WORK="$OUT/work_dirs/benchmark_accuracy_lab_b" ;;
  *) echo "[run_lab] ERROR: unknown lab '$LAB' (use a or b)" >&2; exit 2 ;;
esac
BLOCK="${TRS_LAB_BLOCK:-lab_$LAB}"
[[ "$BLOCK" =~ ^lab_${LAB}[A-Za-z0-9_]*$ ]] || {
  echo "[run_lab] ERROR: TRS_LAB_BLOCK '$BLOCK' is no block of lab $LAB (lab_${LAB}...)" >&2; exit 2; }
COMMIT=HEAD
if [[ $# -gt 0 && "$1" != "--" ]]; then COMMIT="$1"; shift; fi
[[ "${1:-}" == "--" ]] && shift
SHA="$(git -C "$ROOT" rev-parse --short "$COMMIT")"
FROZEN="${TRS_LAB_FROZEN:-$(dirname "$ROOT")/lab_${LAB}_${SHA}}"
if [[ ! -d "$FROZEN" ]]; then
  git -C "$ROOT" worktree add -f --detach "$FROZEN" "$SHA" >/dev/null
fi
PY="${TRS_VENV:-$ROOT/.venv}/bin/python"
mkdir -p "$OUT/work_dirs"
# the frozen code, not this checkout's editable install, must be imported
FROZEN="$(cd "$FROZEN" && pwd -P)"
found="$(cd / && NO_ALBUMENTATIONS_UPDATE=1 PYTHONPATH="$FROZEN" "$PY" -c 'import mmpose_trs, os.path as p
print(p.dirname(p.dirname(p.realpath(mmpose_trs.__file__))))')"
[[ "$found" == "$FROZEN" ]] || {
  echo "[run_lab] ERROR: mmpose_trs imports from $found, not $FROZEN" >&2; exit 1; }
cd "$OUT"
PYTHONPATH="$FROZEN" OMP_NUM_THREADS=1 NO_ALBUMENTATIONS_UPDATE=1 nohup nice \
  "$PY" "$FROZEN/tools/benchmark_accuracy.py" --lab "$LAB" --order arm \
  "${OPTS[@]}" --work-dir "$WORK" --data-root "$OUT/data/synthetic" \
  --keep-dir "$OUT/docs/benchmark_runs/$BLOCK" "$@" \
  >> "$OUT/work_dirs/$BLOCK.log" 2>&1 &
echo $! > "$OUT/work_dirs/$BLOCK.pid"
echo "[run_lab] lab $LAB from $FROZEN (commit $SHA), keeping runs in docs/benchmark_runs/$BLOCK, pid $!, log work_dirs/$BLOCK.log"
