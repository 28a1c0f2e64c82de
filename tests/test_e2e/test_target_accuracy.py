"""The quick start measures its students' targets against the unlabeled
split's hidden keypoints, and a permuted truth trains bit-identical
weights."""
import json
import os.path as osp
import random

import pytest
import torch
from helpers import QUICKSTART_TRS, build_runner, dump_config, tiny_config
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

# starts trainings: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

TRUTH = 'annotations/person_keypoints_train_full.json'


def permuted_truth(root: str, out: str) -> str:
    """train_full with every annotation's keypoints from another one."""
    data = json.load(open(osp.join(root, TRUTH)))
    kpts = [a['keypoints'] for a in data['annotations']]
    random.Random(0).shuffle(kpts)
    for ann, k in zip(data['annotations'], kpts):
        ann['keypoints'] = k
    with open(out, 'w') as f:
        json.dump(data, f)
    return out


def train(cfg_path: str, work: str, truth: str = None) -> Runner:
    init_default_scope('mmpose')
    cfg = Config.fromfile(cfg_path)
    cfg.work_dir = work
    if truth:
        cfg.train_dataloader.dataset.unlabeled.hidden_keypoints_file = truth
    cfg.train_cfg.val_interval = 100  # no validation
    runner = build_runner(cfg)
    runner.train()
    return runner


def test_hook_measures_and_the_truth_never_trains(synthetic_root, tmp_path):
    cfg = tiny_config(
        QUICKSTART_TRS, synthetic_root, str(tmp_path / 'trs.py'), iters=3)
    text = Config.fromfile(cfg)
    hooks = [h for h in text.custom_hooks if h.type == 'TargetAccuracyHook']
    assert len(hooks) == 1
    text.custom_hooks[text.custom_hooks.index(hooks[0])].interval = 1
    dump_config(text, cfg)
    first = train(cfg, str(tmp_path / 'truth'))
    other = train(cfg, str(tmp_path / 'permuted'),
                  permuted_truth(synthetic_root, str(tmp_path / 'perm.json')))
    a, b = first.model.state_dict(), other.model.state_dict()
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a)
    logs = [[
        json.loads(line)
        for line in open(osp.join(r.log_dir, 'target_accuracy.jsonl'))
    ] for r in (first, other)]
    # burn-in is iteration 1: iterations 2 and 3 are measured
    assert [s['iter'] for s in logs[0]] == [2, 3]
    g = logs[0][-1]['targets']['g']
    assert set(g) == {
        'teacher', 'reviewer', 'ensemble', 'agree_teacher_reviewer'
    }
    # the same targets judged against another truth: other numbers
    assert logs[0][-1]['targets']['g']['teacher'] != \
        logs[1][-1]['targets']['g']['teacher']
