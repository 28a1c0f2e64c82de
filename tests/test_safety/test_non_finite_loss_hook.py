"""NonFiniteLossHook: stops at the first NaN loss, names the iteration and
terms, and the last good checkpoint is kept."""
import math
import subprocess
import sys
from types import SimpleNamespace

import pytest
import torch
from helpers import QUICKSTART_TRS, tiny_config

from mmpose.registry import HOOKS
from mmpose_trs.safety import NonFiniteLossError, NonFiniteLossHook


def test_registered_and_passes_finite():
    assert HOOKS.get('NonFiniteLossHook') is NonFiniteLossHook
    runner = SimpleNamespace(iter=4, work_dir='w')
    NonFiniteLossHook().after_train_iter(
        runner, 4, outputs=dict(loss=torch.tensor(1.), acc=torch.tensor(0.)))


def test_raises_with_iteration_and_terms():
    runner = SimpleNamespace(iter=6, work_dir='w')
    with pytest.raises(
            NonFiniteLossError, match=r'iteration 7: .*sup_f_loss_kpt=nan'):
        NonFiniteLossHook().after_train_iter(
            runner,
            6,
            outputs=dict(
                loss=torch.tensor(math.nan),
                sup_f_loss_kpt=torch.tensor(math.nan),
                unsup_g_teacher_loss_kpt=torch.tensor(0.1)))


def test_training_stops_and_keeps_last_good_checkpoint(synthetic_root,
                                                       tmp_path):
    """lambda = NaN: the unlabeled terms turn NaN when burn-in ends (second
    iteration); iteration 1's checkpoint survives and is finite."""
    cfg = tiny_config(
        QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'), iters=4)
    work = tmp_path / 'w'
    proc = subprocess.run([
        sys.executable, 'tools/train.py', cfg, '--work-dir',
        str(work), '--cfg-options', 'model.unsup_weight=nan',
        'default_hooks.checkpoint.interval=1', 'train_cfg.val_interval=10'
    ],
                          capture_output=True,
                          text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert 'non-finite loss at iteration 2' in log
    assert not (work / 'iter_2.pth').exists()
    ckpt = torch.load(work / 'iter_1.pth', weights_only=True)
    assert all(
        torch.isfinite(v).all() for v in ckpt['state_dict'].values()
        if v.is_floating_point())
