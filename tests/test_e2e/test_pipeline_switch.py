"""SemiPipelineSwitchHook in a training run: both sources switch at the set
epoch of the mixed stream, the hidden keypoints stay hidden, and the data
stream continues where it was (a switch to the same pipelines trains the
same weights bit for bit)."""
import pytest
import torch
from helpers import QUICKSTART_TRS, build_runner, tiny_config
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

# starts trainings: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


def train(cfg_path: str, work: str, hook=None) -> Runner:
    init_default_scope('mmpose')
    cfg = Config.fromfile(cfg_path)
    cfg.work_dir = work
    cfg.train_cfg.val_interval = 100  # no validation
    if hook:
        cfg.custom_hooks.append(hook)
    runner = build_runner(cfg)
    runner.train()
    return runner


def types(pipeline):
    return [type(t).__name__ for t in pipeline.transforms]


@pytest.fixture(scope='module')
def setup(synthetic_root, tmp_path_factory):
    tmp = tmp_path_factory.mktemp('switch')
    cfg = tiny_config(
        QUICKSTART_TRS, synthetic_root, str(tmp / 'c.py'), iters=7)
    return cfg, tmp, train(cfg, str(tmp / 'plain'))


def test_a_switch_to_the_same_pipelines_changes_nothing(setup):
    cfg, tmp, plain = setup
    loaded = Config.fromfile(cfg)
    hook = dict(
        type='SemiPipelineSwitchHook',
        switch_epoch=1,
        switch_pipeline=loaded.train_dataloader.dataset.labeled.pipeline,
        unlabeled_pipeline=loaded.train_dataloader.dataset.unlabeled.pipeline)
    switched = train(cfg, str(tmp / 'same'), hook)
    hooks = [
        h for h in switched.hooks
        if type(h).__name__ == 'SemiPipelineSwitchHook'
    ]
    # one epoch of the mixed stream: the sampler's length, within the run
    assert hooks[0].switch_iter(switched) == len(switched.train_dataloader)
    assert hooks[0].switched and len(switched.train_dataloader) < 7
    a, b = plain.model.state_dict(), switched.model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_both_sources_switch_and_hidden_keypoints_stay_hidden(setup):
    cfg, tmp, plain = setup
    loaded = Config.fromfile(cfg)
    stage2 = [
        t for t in loaded.train_dataloader.dataset.labeled.pipeline
        if t['type'] != 'RandomFlip'
    ]
    runner = train(
        cfg, str(tmp / 'stage2'),
        dict(
            type='SemiPipelineSwitchHook',
            switch_epoch=1,
            switch_pipeline=stage2))
    dataset = runner.train_dataloader.dataset
    assert 'RandomFlip' not in types(dataset.labeled.pipeline)
    assert 'GenerateTarget' in types(dataset.labeled.pipeline)
    unl = types(dataset.unlabeled.pipeline)
    assert 'RandomFlip' not in unl and 'GenerateTarget' not in unl
    assert unl[-2:] == ['HideKeypoints', 'PackPoseInputs']
    a, b = plain.model.state_dict(), runner.model.state_dict()
    assert any(not torch.equal(a[k], b[k]) for k in a)  # it did switch
