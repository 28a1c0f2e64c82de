"""StartupCheckHook: keypoint-count and batch-composition mismatches fail
before the first iteration, naming the values."""
import subprocess
import sys
from types import SimpleNamespace

import pytest

from helpers import QUICKSTART_TRS, build, tiny_config
from mmpose.registry import HOOKS
from mmpose_trs.engine import StartupCheckHook


def _runner(model, batch_size, per_batch=(2, 2), num_keypoints=17):
    dataset = SimpleNamespace(metainfo=dict(num_keypoints=num_keypoints),
                              ann_file='lab.json')
    loader = SimpleNamespace(
        batch_size=batch_size,
        sampler=SimpleNamespace(num_per_batch=per_batch),
        dataset=SimpleNamespace(datasets=[dataset, dataset]))
    return SimpleNamespace(model=model, train_dataloader=loader)


def test_registered_and_accepts_consistent_setup():
    assert HOOKS.get('StartupCheckHook') is StartupCheckHook
    StartupCheckHook().before_train(_runner(build(), 4))


def test_batch_size_mismatch():
    with pytest.raises(ValueError, match=r'batch_size=5.*= 4 per batch'):
        StartupCheckHook().before_train(_runner(build(), 5))


def test_keypoint_count_mismatch():
    with pytest.raises(ValueError,
                       match=r'net_f.head.out_channels=17.*lab.json has 16'):
        StartupCheckHook().before_train(_runner(build(), 4,
                                                num_keypoints=16))


def test_fails_before_training_through_tools(synthetic_root, tmp_path):
    cfg = tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'))
    proc = subprocess.run(
        [sys.executable, 'tools/train.py', cfg, '--work-dir',
         str(tmp_path / 'w'), '--cfg-options', 'train_dataloader.batch_size=3'],
        capture_output=True, text=True, timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0 and 'batch_size=3' in log
    assert 'Iter(train)' not in log
