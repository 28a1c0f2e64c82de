"""The README's main job (tools/quickstart.py) end to end on the tiny
synthetic dataset: both models train and test, and the table has a number
for every network."""
import json
import subprocess
import sys

import pytest

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


def test_quickstart_prints_every_network(synthetic_root, tmp_path):
    work = tmp_path / 'qs'
    proc = subprocess.run([
        sys.executable, 'tools/quickstart.py', '--iters', '2', '--burn-in',
        '1', '--data-root', synthetic_root, '--work-dir',
        str(work)
    ],
                          capture_output=True,
                          text=True,
                          timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    summary = (work / 'summary.txt').read_text()
    for row in ('supervised-only (labeled)', 'TRS f ', 'TRS g ',
                'TRS reviewer_f', 'TRS reviewer_g', 'TRS fg_mean'):
        line = next(x for x in summary.splitlines() if x.startswith(row))
        assert '-' not in line.split()[-1], line  # a number, not a dash
    trs = json.loads((work / 'trs' / 'final_metrics.json').read_text())
    assert abs(trs['fg_mean/coco/AP'] -
               (trs['f/coco/AP'] + trs['g/coco/AP']) / 2) < 1e-9
    # the runs read the given dataset, not data/synthetic
    config = (work / 'trs' / 'trs_config.py').read_text()
    assert synthetic_root in config
