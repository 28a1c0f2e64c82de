"""A pool with truncated unlabeled JPEGs (valid signature, broken body)
trains to the end under 'skip' (the default for unlabeled data), stops with
the file's name under 'raise', and StartupCheckHook(check_images='decode')
finds them before the first iteration."""
import json
import os.path as osp
import shutil
import subprocess
import sys

import pytest
from helpers import QUICKSTART_TRS, dump_config, tiny_config
from mmengine.config import Config

# starts trainings: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


@pytest.fixture(scope='module')
def pool(synthetic_root, tmp_path_factory):
    """The tiny synthetic dataset with two unlabeled images cut to 200
    bytes."""
    root = str(tmp_path_factory.mktemp('bad') / 'data')
    shutil.copytree(synthetic_root, root)
    ann = json.load(
        open(osp.join(root, 'annotations', 'person_keypoints_unlabeled.json')))
    cut = [img['file_name'] for img in ann['images'][:2]]
    for name in cut:
        path = osp.join(root, 'images', name)
        data = open(path, 'rb').read()
        open(path, 'wb').write(data[:200])
    return root, cut


def _train(cfg_path, work):
    proc = subprocess.run(
        [sys.executable, 'tools/train.py', cfg_path, '--work-dir', work],
        capture_output=True,
        text=True,
        timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def _config(pool, tmp_path, name, **change):
    root, _ = pool
    path = tiny_config(QUICKSTART_TRS, root, str(tmp_path / name), iters=6)
    cfg = Config.fromfile(path)
    cfg.train_cfg.val_interval = 100
    for key, value in change.items():
        if key == 'policy':
            cfg.train_dataloader.dataset.on_bad_sample = value
        if key == 'decode':
            cfg.custom_hooks[0].check_images = 'decode'
    for hook in cfg.custom_hooks:  # 2 of 12 tiny samples: allow it here
        if hook.type == 'BadSampleHook':
            hook.max_share = 0.5
    dump_config(cfg, path)
    return path


def test_skip_trains_to_the_end_and_logs_each_file(pool, tmp_path):
    rc, log = _train(_config(pool, tmp_path, 's.py'), str(tmp_path / 's'))
    assert rc == 0, log[-3000:]
    assert osp.isfile(tmp_path / 's' / 'iter_6.pth')
    skipped = [ln for ln in log.splitlines() if 'BadSampleHook: skipped' in ln]
    names = {n for n in pool[1] if any(n in ln for ln in skipped)}
    assert names and len(skipped) == len(names)  # each file once
    assert 'truncated' in skipped[0]


def test_raise_names_the_file(pool, tmp_path):
    rc, log = _train(
        _config(pool, tmp_path, 'r.py', policy='raise'), str(tmp_path / 'r'))
    assert rc != 0
    assert 'BadSampleError' in log and 'truncated' in log
    assert any(n in log for n in pool[1])


def test_decode_check_finds_them_up_front(pool, tmp_path):
    rc, log = _train(
        _config(pool, tmp_path, 'd.py', decode=True), str(tmp_path / 'd'))
    assert rc != 0
    assert 'cannot be read' in log and 'truncated' in log
    assert 'Iter(train)' not in log


def test_resume_over_skipped_images_is_exact(pool, tmp_path):
    """Killed after its iteration-3 checkpoint and resumed, a run that skips
    bad images ends with the weights of the uninterrupted run."""
    import torch
    from helpers import train_process
    straight = _config(pool, tmp_path, 'a.py')
    rc, log = train_process(straight, str(tmp_path / 'a'))
    assert rc == 0, log[-3000:]
    crash = Config.fromfile(straight)
    crash.custom_hooks.append(dict(type='CrashAtIterHook', at=3))
    crash.custom_imports['imports'].append('crash_hook')
    dump_config(crash, str(tmp_path / 'b_crash.py'))
    rc, _ = train_process(str(tmp_path / 'b_crash.py'), str(tmp_path / 'b'))
    assert rc != 0
    rc, log = train_process(straight, str(tmp_path / 'b'), '--resume')
    assert rc == 0, log[-3000:]
    a, b = (
        torch.load(
            tmp_path / w / 'iter_6.pth',
            map_location='cpu',
            weights_only=False)['state_dict'] for w in 'ab')
    assert all(torch.equal(a[k], b[k]) for k in a)
