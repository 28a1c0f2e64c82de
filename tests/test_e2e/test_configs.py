"""Every config in configs/ parses and builds its model; the plain-MMPose
MFL + GroundTruthKeypointMix config and the full TRS config train a few
iterations."""
import glob
import os.path as osp
import sys

import pytest
from helpers import run_ok, tiny_config
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmpose.registry import MODELS

CONFIGS = sorted(
    c for c in glob.glob('configs/**/*.py', recursive=True)
    if '_base_' not in c)


def _no_pretrained(cfg):
    for key in ('net_f', 'net_g'):
        if key in cfg.model:
            cfg.model[key].backbone.init_cfg = None
    if 'backbone' in cfg.model:
        cfg.model.backbone.init_cfg = None


@pytest.mark.parametrize('path', CONFIGS)
def test_config_builds(path):
    init_default_scope('mmpose')
    cfg = Config.fromfile(path)
    _no_pretrained(cfg)
    model = MODELS.build(cfg.model)
    assert sum(p.numel() for p in model.parameters()) > 0
    assert cfg.train_dataloader.dataset is not None


@pytest.mark.parametrize('name', [
    'configs/quickstart/supervised-mfl-km_res18-half_synthetic-labeled.py',
    'configs/quickstart/trs-mfl-km_res18-half_synthetic.py'
])
def test_trains_two_iterations(name, synthetic_root, tmp_path):
    cfg = tiny_config(name, synthetic_root, str(tmp_path / 'c.py'), iters=2)
    log = run_ok([
        sys.executable, 'tools/train.py', cfg, '--work-dir',
        str(tmp_path / 'w')
    ])
    assert 'loss_kpt_l1' in log
    assert osp.isfile(tmp_path / 'w' / 'iter_2.pth')
