"""StartupCheckHook: keypoint-count and batch-composition mismatches fail
before the first iteration, naming the values."""
import subprocess
import sys
from types import SimpleNamespace

import pytest

from helpers import QUICKSTART_TRS, build, tiny_config
from mmpose.registry import HOOKS
from mmpose_trs.engine import StartupCheckHook


class _Data:
    """Dataset stand-in with image paths."""

    def __init__(self, paths, num_keypoints=17):
        self.paths = paths
        self.metainfo = dict(num_keypoints=num_keypoints)
        self.ann_file = 'lab.json'

    def __len__(self):
        return len(self.paths)

    def get_data_info(self, i):
        return dict(img_path=self.paths[i])


def _runner(model, batch_size, per_batch=(2, 2), num_keypoints=17,
            paths=(__file__, )):
    dataset = _Data(list(paths), num_keypoints)
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


def test_missing_image_files(tmp_path):
    missing = str(tmp_path / 'gone.jpg')
    with pytest.raises(FileNotFoundError,
                       match=r'1 of 2 images of lab.json.*gone.jpg'):
        StartupCheckHook().before_train(_runner(
            build(), 4, paths=(__file__, missing)))
    StartupCheckHook(check_images=False).before_train(_runner(
        build(), 4, paths=(missing, )))


def test_fails_before_training_through_tools(synthetic_root, tmp_path):
    cfg = tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'))
    proc = subprocess.run(
        [sys.executable, 'tools/train.py', cfg, '--work-dir',
         str(tmp_path / 'w'), '--cfg-options', 'train_dataloader.batch_size=3'],
        capture_output=True, text=True, timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0 and 'batch_size=3' in log
    assert 'Iter(train)' not in log
