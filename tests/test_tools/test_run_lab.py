"""tools/run_lab.sh: a lab trains in the background from a frozen copy of
the code and keeps each finished run.json in the kept folder."""
import json
import os
import os.path as osp
import subprocess
import sys
import time

import pytest

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _run_lab(*args, **env):
    return subprocess.run(['bash', 'tools/run_lab.sh', *args],
                          cwd=ROOT,
                          capture_output=True,
                          text=True,
                          timeout=120,
                          env=dict(os.environ, TRS_VENV=sys.prefix, **env))


def _wait(pid: int, timeout: float) -> None:
    """Wait for a process that is not our child to end (or become a
    zombie)."""
    stat = f'/proc/{pid}/stat'
    end = time.time() + timeout
    while osp.exists(stat) and time.time() < end:
        with open(stat) as f:
            if f.read().rsplit(')', 1)[1].split()[0] == 'Z':
                return
        time.sleep(1)
    assert not osp.exists(stat) or time.time() < end, 'the lab still runs'


def test_an_unknown_lab_stops_before_anything_runs(tmp_path):
    proc = _run_lab('c', TRS_LAB_OUT=str(tmp_path))
    assert proc.returncode == 2
    assert "unknown lab 'c' (use a or b)" in proc.stderr
    assert os.listdir(tmp_path) == []


def test_a_block_of_another_lab_is_refused(tmp_path):
    proc = _run_lab('b', TRS_LAB_OUT=str(tmp_path), TRS_LAB_BLOCK='lab_a_m2')
    assert proc.returncode == 2
    assert "TRS_LAB_BLOCK 'lab_a_m2' is no block of lab b" in proc.stderr
    assert os.listdir(tmp_path) == []


def test_a_frozen_copy_without_the_package_is_refused(tmp_path):
    proc = _run_lab(
        'b', TRS_LAB_FROZEN=str(tmp_path), TRS_LAB_OUT=str(tmp_path))
    assert proc.returncode == 1
    assert f'not {tmp_path}' in proc.stderr
    assert not osp.exists(tmp_path / 'work_dirs' / 'lab_b.pid')


@pytest.mark.e2e
def test_a_lab_runs_in_the_background_and_keeps_its_runs(
        synthetic_root, tmp_path):
    (tmp_path / 'data').mkdir()
    os.symlink(synthetic_root, tmp_path / 'data' / 'synthetic')
    proc = _run_lab(
        'b',
        '--',
        '--burn-in-iters',
        '2',
        '--iters',
        '2',
        '--val-interval',
        '1',
        '--seeds',
        '1',
        '--arms',
        'supervised',
        TRS_LAB_FROZEN=ROOT,
        TRS_LAB_OUT=str(tmp_path),
        TRS_LAB_BLOCK='lab_b_m3')
    assert proc.returncode == 0, proc.stderr
    assert f'lab b from {osp.realpath(ROOT)}' in proc.stdout
    _wait(int((tmp_path / 'work_dirs' / 'lab_b_m3.pid').read_text()), 600)
    log = (tmp_path / 'work_dirs' / 'lab_b_m3.log').read_text()
    # another machine's block: its own folder, the lab's first one untouched
    assert not (tmp_path / 'docs' / 'benchmark_runs' / 'lab_b').exists()
    kept = tmp_path / 'docs' / 'benchmark_runs' / 'lab_b_m3' / 'seed1'
    with open(kept / 'supervised' / 'run.json') as f:
        run = json.load(f)
    assert [p['step'] for p in run['curve']] == [0, 1, 2], log[-3000:]
    work = tmp_path / 'work_dirs' / 'benchmark_accuracy_lab_b' / 'seed1'
    with open(work / 'supervised' / 'run.json') as f:
        assert json.load(f) == run
