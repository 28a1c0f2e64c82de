"""Two-process torchrun (gloo, CPU): disjoint samples, identical reviewers."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from helpers import QUICKSTART_TRS, dump_config, tiny_config

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


def test_dist_train_script_two_nodes(synthetic_root, tmp_path):
    """Two "nodes" on this machine: tools/dist_train.sh twice, NNODES=2 and
    NODE_RANK 0 and 1, one process each, meeting at MASTER_ADDR:PORT."""
    cfg = tiny_config(
        QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'), iters=2)
    work = tmp_path / 'work'
    procs = []
    for rank in (0, 1):
        env = dict(
            os.environ,
            OMP_NUM_THREADS='1',
            PYTHON=sys.executable,
            NNODES='2',
            NODE_RANK=str(rank),
            MASTER_ADDR='127.0.0.1',
            PORT='29547')
        procs.append(
            subprocess.Popen([
                'bash', 'tools/dist_train.sh', cfg, '1', '--work-dir',
                str(work)
            ],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT,
                             text=True,
                             env=env))
    logs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], logs[0][-3000:]
    assert (work / 'iter_2.pth').is_file()
    # MMEngine's runtime environment: one run of two processes
    assert 'Distributed training: True' in logs[0]
    assert 'GPU number: 2' in logs[0], logs[0][-2000:]


def test_slurm_script_builds_openmmlab_srun_line(tmp_path):
    """tools/slurm_train.sh calls srun as OpenMMLab's script does (a
    stand-in srun records its arguments)."""
    fake = tmp_path / 'srun'
    record = tmp_path / 'args'
    fake.write_text(f'#!/bin/bash\nprintf "%s\\n" "$@" > {record}\n')
    fake.chmod(0o755)
    env = dict(
        os.environ,
        PATH=f'{tmp_path}:{os.environ["PATH"]}',
        GPUS='16',
        GPUS_PER_NODE='8',
        SRUN_ARGS='--signal=TERM@120 --requeue')
    proc = subprocess.run([
        'bash', 'tools/slurm_train.sh', 'gpu', 'trs', 'cfg.py', 'work',
        '--resume'
    ],
                          capture_output=True,
                          text=True,
                          env=env,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    args = record.read_text().split('\n')
    for expected in ('-p', 'gpu', '--job-name=trs', '--ntasks=16',
                     '--ntasks-per-node=8', '--gres=gpu:8',
                     '--kill-on-bad-exit=1', '--signal=TERM@120', '--requeue',
                     'cfg.py', '--work-dir=work', '--launcher=slurm',
                     '--resume'):
        assert expected in args, (expected, args)
    assert any(a.endswith('tools/train.py') for a in args)


def test_a_dying_rank_stops_the_others_and_resume_needs_its_count(
        synthetic_root, tmp_path):
    """Rank 1 of 2 killed (SIGKILL) before iteration 2: rank 0 does not
    hang (the launcher ends the run within the timeout, non-zero), the
    iteration-2 checkpoint is intact, a resume with 2 processes finishes,
    and one with 1 process stops saying how to resume. (The resume is also
    the test that tools/dist_train.sh trains with 2 CPU processes, gloo.)"""
    import time

    import torch
    from mmengine.config import Config
    path = tiny_config(
        QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'), iters=4)
    cfg = Config.fromfile(path)
    cfg.custom_hooks.append(dict(type='CrashAtIterHook', at=2, rank=1))
    cfg.custom_imports['imports'].append('crash_hook')
    crash = str(tmp_path / 'crash.py')
    dump_config(cfg, crash)
    work = tmp_path / 'work'
    tests = os.path.dirname(os.path.dirname(__file__))

    def launch(config, gpus, port, *extra):
        env = dict(
            os.environ,
            OMP_NUM_THREADS='1',
            PYTHON=sys.executable,
            PORT=str(port),
            PYTHONPATH=os.pathsep.join(
                [tests, os.environ.get('PYTHONPATH', '')]))
        return subprocess.run([
            'bash', 'tools/dist_train.sh', config,
            str(gpus), '--work-dir',
            str(work), *extra
        ],
                              capture_output=True,
                              text=True,
                              timeout=300,
                              env=env)

    start = time.time()
    proc = launch(crash, 2, 29551)
    assert proc.returncode != 0 and time.time() - start < 240
    last = open(work / 'last_checkpoint').read().strip()
    assert last.endswith('iter_2.pth')
    torch.load(last, map_location='cpu', weights_only=False)  # intact
    one = launch(path, 1, 29553, '--resume')
    assert one.returncode != 0
    log = one.stdout + one.stderr
    assert 'written by 2 process(es) and this run has 1' in log
    assert 'tools/dist_train.sh CONFIG 2 --resume' in log
    two = launch(path, 2, 29555, '--resume')
    assert two.returncode == 0, (two.stdout + two.stderr)[-3000:]
    assert (work / 'iter_4.pth').is_file()
