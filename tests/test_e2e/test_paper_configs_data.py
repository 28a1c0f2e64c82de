"""Every config builds its train and val dataloaders on a data tree laid out
as docs/reproduce.md says (made from the real samples), and one config of
each family trains one iteration and validates every network on it."""
import glob
import json
import os.path as osp

import pytest
import torch
from helpers import build_runner, frequent_hooks, shrink_loaders
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

from mmpose_trs.utils.branches import source_configs
from mmpose_trs.utils.networks import network_configs

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

PAPER_CONFIGS = sorted(
    glob.glob('configs/trs/**/*.py', recursive=True) +
    glob.glob('configs/supervised/*.py'))
# the COCO TRS main config trains through tools/train.py in
# tests/test_e2e/test_real_samples.py
FAMILIES = [
    'configs/trs/coco/dual_res18_coco-1k_256x192.py',
    'configs/trs/coco/trs_res50_coco-train_wild_256x192.py',
    'configs/trs/mpii/trs_res18_mpii-10k_aic-100k_256x256.py',
    'configs/trs/mpii/trs_res18_mpii-1k_mpii-10k_256x256.py',
    'configs/supervised/simplebaseline_res18_coco-1k_256x192.py',
    # the targets measured against train2017's hidden keypoints
    'configs/trs/coco/ablations/trs-target-accuracy_res18_coco-1k_256x192.py',
    # RTMPose: SimCC students in keypoint space, stage 2 switched at start
    'configs/trs/coco/rtmpose/trs_rtmpose-t_coco-1k_256x192.py',
    'configs/supervised/rtmpose-t_coco-1k_256x192.py',
]


def _on_tree(path: str, root: str) -> Config:
    """The config with its relative data paths under the tree ``root``."""
    cfg = Config.fromfile(path)
    for key in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        cfg[key].update(num_workers=0, persistent_workers=False)
        for d in source_configs(cfg[key].dataset):
            d.data_root = osp.join(root, d.data_root)
            if d.get('headbox_file'):
                d.headbox_file = osp.join(root, d.headbox_file)
            if d.get('bbox_file'):
                d.bbox_file = osp.join(root, d.bbox_file)
    for key in ('val_evaluator', 'test_evaluator'):
        if cfg[key].get('ann_file'):
            cfg[key].ann_file = osp.join(root, cfg[key].ann_file)
    return cfg


#: dataset lengths by loader specs: many configs share their loaders'
#: specs (a row differs from its family by the method only), and one spec
#: gives one result
_BUILT = {}


def _loader_lengths(cfg: Config) -> tuple:
    """(train length, its sources' lengths, val length) of ``cfg``'s
    loaders, built once per distinct pair of loader specs."""
    key = repr((cfg.train_dataloader.to_dict(), cfg.val_dataloader.to_dict()))
    if key not in _BUILT:
        train = Runner.build_dataloader(cfg.train_dataloader, seed=0)
        val = Runner.build_dataloader(cfg.val_dataloader, seed=0)
        sources = getattr(train.dataset, 'datasets', [train.dataset])
        _BUILT[key] = (len(train.dataset), [len(s) for s in sources],
                       len(val.dataset))
    return _BUILT[key]


@pytest.mark.parametrize('path', PAPER_CONFIGS)
def test_dataloaders_build(path, data_tree):
    init_default_scope('mmpose')
    train, sources, val = _loader_lengths(_on_tree(path, data_tree))
    assert train > 0 and val > 0
    assert sources and all(n > 0 for n in sources)


def _small_backbone(net) -> None:
    """No pretrained weights; a ResNet-50/101 becomes a ResNet-18 (the data
    path is under test here, not the depth)."""
    net.backbone.init_cfg = None
    if net.backbone.get('depth', 18) > 18:
        net.backbone.depth = 18
        levels = net.head.in_channels
        net.head.in_channels = ((256,
                                 512) if isinstance(levels,
                                                    (list, tuple)) else 512)


def _shrink(cfg: Config, work_dir: str) -> Config:
    """Small backbones, 2 + 2 crops, one iteration, then validation (by the
    test, once) on 4 persons."""
    for net in network_configs(cfg.model):
        _small_backbone(net)
    shrink_loaders(cfg, eval_batch=4)
    cfg.train_cfg = dict(
        type='IterBasedTrainLoop', max_iters=1, val_interval=2)
    cfg.val_dataloader.dataset.indices = 4
    cfg.expected_sizes = None  # the fixture tree's splits are tiny
    frequent_hooks(cfg, 1, keep_best=False)
    for hook in cfg.get('custom_hooks', []):
        if hook.type == 'TargetAccuracyHook':
            hook.interval = 1
        if hook.type == 'SemiPipelineSwitchHook':  # stage 2 from the start
            hook.switch_epoch = 0
    cfg.work_dir = work_dir
    return cfg


@pytest.mark.parametrize('path', FAMILIES)
def test_family_trains_one_iteration(path, data_tree, tmp_path):
    init_default_scope('mmpose')
    torch.manual_seed(0)
    cfg = _shrink(_on_tree(path, data_tree), str(tmp_path))
    runner = build_runner(cfg)
    runner.train()
    assert osp.isfile(tmp_path / 'iter_1.pth')
    metrics = runner.val_loop.run()
    nets = ('f', 'g') if 'net_f' in cfg.model else ('', )
    for net in nets:
        prefix = f'{net}/' if net else ''
        assert any(k.startswith(prefix) for k in metrics), metrics
    if 'rtmpose' in path:
        _check_stage2_and_export(cfg, runner, str(tmp_path), nets[0])
    if 'target-accuracy' in path:
        lines = open(osp.join(runner.log_dir,
                              'target_accuracy.jsonl')).readlines()
        step = json.loads(lines[0])
        assert step['iter'] == 1 and set(step['targets']) == {'f', 'g'}
        teacher = step['targets']['g']['teacher']
        assert teacher['n_all'] > 0 and 0 <= teacher['pck_all'] <= 1


def _check_stage2_and_export(cfg: Config, runner: Runner, work: str,
                             net: str) -> None:
    """Every training source ran RTMPose's stage-2 pipeline, and the
    trained network exports to a plain MMPose RTMPose model."""
    from mmpose.apis import init_model
    from mmpose_trs.apis.export import export_network
    dataset = runner.train_dataloader.dataset
    for source in getattr(dataset, 'datasets', [dataset]):
        box = next(
            t for t in source.pipeline.transforms
            if type(t).__name__ == 'RandomBBoxTransform')
        assert list(box.scale_factor) == [0.75, 1.25], source
    if not net:  # a supervised baseline is a plain model already
        return
    cfg_path, ckpt = export_network(cfg, osp.join(work, 'iter_1.pth'), net,
                                    osp.join(work, 'exported'))
    plain = init_model(cfg_path, ckpt, device='cpu')
    assert type(plain).__name__ == 'TopdownPoseEstimator'
    assert type(plain.head).__name__ == 'RTMCCHead'
    trained = runner.model.network(net).state_dict()
    for key, value in plain.state_dict().items():
        assert torch.equal(value, trained[key]), key
