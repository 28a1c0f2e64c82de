"""Every config in configs/ parses and builds its model; the plain-MMPose
MFL + GroundTruthKeypointMix config and the full TRS config train a few
iterations."""
import copy
import functools
import glob
import os.path as osp
import sys

import pytest
from helpers import run_ok, tiny_config
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmpose.registry import MODELS

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

CONFIGS = sorted(
    c for c in glob.glob('configs/**/*.py', recursive=True)
    if '_base_' not in c)


@functools.lru_cache(maxsize=None)
def _parsed(path: str) -> Config:
    """``Config.fromfile(path)``, parsed once for this module's tests (do
    not edit it: copy it)."""
    return Config.fromfile(path)


def _no_pretrained(cfg):
    for key in ('net_f', 'net_g'):
        if key in cfg.model:
            cfg.model[key].backbone.init_cfg = None
    if 'backbone' in cfg.model:
        cfg.model.backbone.init_cfg = None


@pytest.mark.parametrize('path', CONFIGS)
def test_config_builds(path):
    init_default_scope('mmpose')
    cfg = copy.deepcopy(_parsed(path))
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


def _project_bases(path: str) -> list:
    """The project configs a config inherits from (``mmpose::`` bases are
    MMPose's and not counted)."""
    import ast
    with open(path) as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                getattr(t, 'id', None) == '_base_' for t in node.targets):
            bases = ast.literal_eval(node.value)
            bases = [bases] if isinstance(bases, str) else bases
            return [
                osp.normpath(osp.join(osp.dirname(path), b)) for b in bases
                if '::' not in b
            ]
    return []


def _depth(path: str) -> int:
    return 1 + max((_depth(b) for b in _project_bases(path)), default=0)


@pytest.mark.parametrize('path', CONFIGS)
def test_inheritance_at_most_four_levels_below_mmpose(path):
    """Runtime, methods base (semi_methods.py), family, row at most."""
    assert _depth(path) <= 4, path


@pytest.mark.parametrize('path', CONFIGS)
def test_semi_supervised_sources_by_name(path):
    """No training set is a list addressed by position."""
    loader = _parsed(path).train_dataloader
    assert 'datasets' not in loader.dataset, path
    if 'num_labeled' in loader.get('sampler', {}):
        assert loader.dataset.type == 'LabeledUnlabeledDataset', path


def test_mpii_base_does_not_inherit_coco():
    bases = _project_bases('configs/_base_/mpii_256x256.py')
    assert not any('coco' in b for b in bases)
