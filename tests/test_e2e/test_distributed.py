"""Two-process torchrun (gloo, CPU): disjoint samples, identical reviewers."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from helpers import QUICKSTART_TRS, tiny_config

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


def test_two_process_gloo(synthetic_root, tmp_path):
    cfg = tiny_config(
        QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'), iters=3)
    out = str(tmp_path / 'ranks.json')
    torchrun = os.path.join(os.path.dirname(sys.executable), 'torchrun')
    env = dict(os.environ, OMP_NUM_THREADS='1')
    proc = subprocess.run([
        torchrun, '--nproc_per_node=2', '--master_port=29533',
        os.path.join(os.path.dirname(__file__), 'dist_worker.py'), cfg,
        str(tmp_path / 'work'), out
    ],
                          capture_output=True,
                          text=True,
                          timeout=600,
                          env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    ranks = json.load(open(out))
    assert len(ranks) == 2
    # (index, draw seed) pairs: the ranks draw disjoint samples, each with
    # the seed of its own position in the stream
    seen0, seen1 = ({i for i, _ in r['seen']} for r in ranks)
    assert seen0 and seen1 and not seen0 & seen1
    seeds0, seeds1 = ({s for _, s in r['seen']} for r in ranks)
    assert not seeds0 & seeds1
    np.testing.assert_array_equal(ranks[0]['reviewers'], ranks[1]['reviewers'])


def test_dist_train_script_on_cpu(synthetic_root, tmp_path):
    """tools/dist_train.sh trains with 2 CPU processes (gloo)."""
    cfg = tiny_config(
        QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'), iters=2)
    work = tmp_path / 'work'
    env = dict(
        os.environ, OMP_NUM_THREADS='1', PYTHON=sys.executable, PORT='29541')
    proc = subprocess.run(
        ['bash', 'tools/dist_train.sh', cfg, '2', '--work-dir',
         str(work)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert (work / 'iter_2.pth').is_file()
