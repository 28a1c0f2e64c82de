"""StartupCheckHook: keypoint-count and batch-composition mismatches fail
before the first iteration, naming the values."""
import glob
import os.path as osp
import subprocess
import sys
from types import SimpleNamespace

import pytest
import torch
from conftest import REAL_SAMPLES
from helpers import CODEC, QUICKSTART_TRS, build, tiny_config
from mmengine.dataset import Compose

from mmpose.registry import HOOKS, TRANSFORMS
from mmpose_trs.safety import StartupCheckHook
from mmpose_trs.safety.startup_check_hook import checkpoint_problem


class _Data:
    """Dataset stand-in with image paths."""

    def __init__(self, paths, num_keypoints=17, pipeline=()):
        self.paths = paths
        self.metainfo = dict(num_keypoints=num_keypoints)
        self.ann_file = 'lab.json'
        self.pipeline = Compose([TRANSFORMS.build(t) for t in pipeline])

    def __len__(self):
        return len(self.paths)

    def get_data_info(self, i):
        return dict(img_path=self.paths[i])


def _an_image():
    return sorted(
        glob.glob(osp.join(REAL_SAMPLES, '**', '*.jpg'), recursive=True))[0]


def _runner(model,
            batch_size,
            per_batch=(2, 2),
            num_keypoints=17,
            paths=None,
            pipeline=()):
    paths = paths or (_an_image(), )
    dataset = _Data(list(paths), num_keypoints, pipeline)
    loader = SimpleNamespace(
        batch_size=batch_size,
        sampler=SimpleNamespace(num_per_batch=per_batch),
        dataset=SimpleNamespace(
            datasets=[dataset, dataset], metainfo=dataset.metainfo))
    return SimpleNamespace(model=model, train_dataloader=loader)


def test_registered_and_accepts_consistent_setup():
    assert HOOKS.get('StartupCheckHook') is StartupCheckHook
    StartupCheckHook().before_train(_runner(build(), 4))


def test_batch_size_mismatch():
    with pytest.raises(ValueError, match=r'batch_size=5.*= 4 per batch'):
        StartupCheckHook().before_train(_runner(build(), 5))


def test_keypoint_count_mismatch():
    with pytest.raises(
            ValueError,
            match=r'net_f.head.out_channels=17.*labeled: lab.json\) has 16'):
        StartupCheckHook().before_train(_runner(build(), 4, num_keypoints=16))


def test_codec_mismatch_names_both_codecs():
    """Targets drawn with UDP but decoded (and warped) with MSRA."""
    udp = dict(CODEC, type='UDPHeatmap')
    targets = [dict(type='GenerateTarget', encoder=udp)]
    with pytest.raises(
            ValueError,
            match=r'encodes targets with UDPHeatmap\(input_size=\(32, 64\), '
            r'heatmap_size=\(8, 16\)\) but net_f.head decodes with '
            r'MSRAHeatmap'):
        StartupCheckHook().before_train(_runner(build(), 4, pipeline=targets))
    same = [dict(type='GenerateTarget', encoder=CODEC)]
    StartupCheckHook().before_train(_runner(build(), 4, pipeline=same))


def test_missing_image_files(tmp_path):
    missing = str(tmp_path / 'gone.jpg')
    with pytest.raises(
            FileNotFoundError, match=r'1 of 2 images of lab.json.*gone.jpg'):
        StartupCheckHook().before_train(
            _runner(build(), 4, paths=(_an_image(), missing)))
    StartupCheckHook(check_images=False).before_train(
        _runner(build(), 4, paths=(missing, )))


def test_fails_before_training_through_tools(synthetic_root, tmp_path):
    cfg = tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'))
    proc = subprocess.run([
        sys.executable, 'tools/train.py', cfg, '--work-dir',
        str(tmp_path / 'w'), '--cfg-options', 'train_dataloader.batch_size=3'
    ],
                          capture_output=True,
                          text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0 and 'batch_size=3' in log
    assert 'Iter(train)' not in log


def test_unreadable_image_files(tmp_path):
    empty, text = tmp_path / 'empty.jpg', tmp_path / 'page.jpg'
    empty.write_bytes(b'')
    text.write_bytes(b'<html>404 not found</html>')
    with pytest.raises(
            ValueError,
            match=r'2 of 3 images of lab.json cannot '
            r'be read: .*empty.jpg \(empty file\).*page.jpg \('
            r"not an image \(starts with b'<html>40'"):
        StartupCheckHook().before_train(
            _runner(build(), 4, paths=(_an_image(), str(empty), str(text))))


def _plain_state(out_channels=17):
    """State dict of a plain top-down network like the tiny TRS nets."""
    from helpers import tiny_pose_net

    from mmpose.registry import MODELS
    cfg = tiny_pose_net()
    cfg['head']['out_channels'] = out_channels
    return MODELS.build(cfg).state_dict()


def test_checkpoint_problem_names_the_mismatch():
    model = build()
    assert checkpoint_problem(model, model.state_dict()) is None
    assert checkpoint_problem(model, _plain_state()) is None  # into f and g
    assert checkpoint_problem(model, {
        'module.' + k: v
        for k, v in model.state_dict().items()
    }) is None
    problem = checkpoint_problem(model, _plain_state(out_channels=16))
    assert 'head.final_layer.weight: checkpoint (16, 16, 1, 1) vs model ' \
        '(17, 16, 1, 1)' in problem
    problem = checkpoint_problem(_plain_model(), model.state_dict())
    assert 'no weight name in common' in problem
    assert 'tools/export_model.py' in problem


def _plain_model():
    from helpers import tiny_pose_net

    from mmpose.registry import MODELS
    return MODELS.build(tiny_pose_net())


def test_after_load_checkpoint_raises_with_the_file():
    runner = SimpleNamespace(
        model=build(), _load_from='other.pth', work_dir='w')
    state = dict(state_dict=_plain_state(out_channels=16))
    with pytest.raises(
            ValueError,
            match=r'Checkpoint other.pth does not fit '
            r'the model: 2 weights have another shape'):
        StartupCheckHook().after_load_checkpoint(runner, state)
    StartupCheckHook(
        check_checkpoint=False).after_load_checkpoint(runner, state)


def test_wrong_checkpoint_stops_training_before_iteration_1(
        synthetic_root, tmp_path):
    """MMEngine alone only warns about the mismatch and trains on."""
    ckpt = str(tmp_path / 'mpii.pth')
    torch.save(dict(state_dict=_plain_state(out_channels=16)), ckpt)
    cfg = tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'))
    proc = subprocess.run([
        sys.executable, 'tools/train.py', cfg, '--work-dir',
        str(tmp_path / 'w'), '--cfg-options', f'load_from={ckpt}'
    ],
                          capture_output=True,
                          text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f'Checkpoint {ckpt} does not fit the model' in log
    assert 'Iter(train)' not in log
