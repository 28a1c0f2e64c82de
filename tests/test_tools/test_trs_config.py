"""tools/trs_config.py and its API (mmpose_trs.apis.write_config): the written
config takes the method's settings from semi_methods.py, as the paper runtime
semi_runtime.py inherits them (TRS or Dual), keeps the best checkpoint by
network f, and refuses to overwrite. (Training from written configs on
MMPose's model zoo: tests/test_e2e/test_mmpose_zoo.py.)"""
import os.path as osp
import subprocess
import sys

import pytest
from mmengine.config import Config

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

ZOO = ('mmpose::body_2d_keypoint/topdown_heatmap/coco/'
       'td-hm_res50_8xb64-210e_coco-256x192.py')


def _write(tmp_path, *extra):
    out = str(tmp_path / 'written.py')
    proc = subprocess.run([
        sys.executable, 'tools/trs_config.py', ZOO, '--labeled-ann', 'l.json',
        '--unlabeled-ann', 'u.json', '-o', out, *extra
    ],
                          capture_output=True,
                          text=True,
                          timeout=300)
    return proc, out


@pytest.mark.parametrize('method', ['trs', 'dual'])
def test_method_settings_come_from_semi_runtime(tmp_path, method):
    proc, out = _write(tmp_path, '--method', method)
    assert proc.returncode == 0, proc.stderr[-2000:]
    cfg = Config.fromfile(out)
    semi = Config.fromfile('configs/_base_/semi_runtime.py')
    assert cfg.model.use_reviewers == (method == 'trs')
    aug = semi.model.pre_affine_aug if method == 'trs' else dict(
        semi.dual_networks.pre_affine_aug)
    aug.pop('_delete_', None)
    assert cfg.model.pre_affine_aug == aug
    assert cfg.model.hard_view == semi.model.hard_view
    hooks = [h['type'] for h in cfg.custom_hooks]
    assert ('ReviewerEMAHook' in hooks) == (method == 'trs')
    assert cfg.val_cfg.type == 'MultiNetValLoop'
    # the zoo config keeps its best checkpoint by coco/AP: now f's
    assert cfg.default_hooks.checkpoint.save_best == 'f/coco/AP'
    labeled = cfg.train_dataloader.dataset.labeled
    assert labeled.type == 'CocoDataset' and labeled.ann_file == 'l.json'
    unlabeled = cfg.train_dataloader.dataset.unlabeled
    assert unlabeled.metainfo == dict(
        from_file='configs/_base_/datasets/coco.py')
    assert cfg.train_dataloader.sampler.num_labeled + \
        cfg.train_dataloader.sampler.num_unlabeled == \
        cfg.train_dataloader.batch_size


def test_refuses_to_overwrite(tmp_path):
    proc, out = _write(tmp_path)
    assert proc.returncode == 0
    before = open(out).read()
    proc, _ = _write(tmp_path)
    assert proc.returncode != 0 and 'not overwriting' in proc.stderr
    assert open(out).read() == before
    assert osp.isfile(out)


def test_write_config_api(tmp_path):
    """The documented API writes the same config as the command and never
    overwrites a file."""
    from mmpose_trs.apis import write_config
    out = str(tmp_path / 'api.py')
    assert write_config(ZOO, out, 'l.json', 'u.json', method='dual') == out
    proc, cli = _write(tmp_path, '--method', 'dual')
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert open(out).read() == open(cli).read()
    with pytest.raises(FileExistsError, match='not overwriting'):
        write_config(ZOO, out, 'l.json', 'u.json')


ZOO_COORD = {
    'rtmpose-m': ('mmpose::body_2d_keypoint/rtmpose/coco/'
                  'rtmpose-m_8xb256-420e_coco-256x192.py'),
    'simcc': ('mmpose::body_2d_keypoint/simcc/coco/'
              'simcc_res50_8xb64-210e_coco-256x192.py'),
    'rle': ('mmpose::body_2d_keypoint/topdown_regression/coco/'
            'td-reg_res50_rle-8xb64-210e_coco-256x192.py'),
}


@pytest.mark.parametrize('name', list(ZOO_COORD))
def test_coordinate_heads_keep_your_hooks_and_learn_in_keypoint_space(
        tmp_path, name):
    """RTMPose, SimCC and RLE zoo configs: written, reported, your hooks
    kept (EMAHook and PipelineSwitchHook in their semi-supervised form),
    the crop keypoints packed, the model built in keypoint space."""
    from mmengine.registry import init_default_scope

    import mmpose_trs  # noqa: F401
    from mmpose.registry import MODELS
    from mmpose.utils import register_all_modules
    out = str(tmp_path / f'{name}.py')
    proc = subprocess.run([
        sys.executable, 'tools/trs_config.py', ZOO_COORD[name],
        '--labeled-ann', 'l.json', '--unlabeled-ann', 'u.json', '-o', out
    ],
                          capture_output=True,
                          text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert 'targets in keypoint space' in proc.stdout
    cfg = Config.fromfile(out)
    from mmpose_trs.apis.config_writer import load
    base = load(ZOO_COORD[name])
    theirs = [h['type'] for h in base.get('custom_hooks', [])]
    ours = [h['type'] for h in cfg.custom_hooks]
    forms = {
        'EMAHook': 'NetworksEMAHook',
        'mmdet.PipelineSwitchHook': 'SemiPipelineSwitchHook'
    }
    assert ours[:len(theirs)] == [forms.get(t, t) for t in theirs]
    from mmpose_trs.apis.config_writer import method_settings
    assert ours[len(theirs):] == [
        h['type'] for h in method_settings('trs')['custom_hooks']
    ]
    assert ours[-1] == 'ReviewerEMAHook' and 'PreemptionHook' in ours
    for t in theirs:
        assert f'{t} -> {forms[t]}' in proc.stdout if t in forms else \
            f'kept {t}' in proc.stdout
    if name == 'rtmpose-m':
        # the zoo's backbone was trained on COCO + AIC keypoints: said
        assert 'NOTE: backbone starts from' in proc.stdout
        assert 'COCO/AIC keypoints' in proc.stdout
        ema = cfg.custom_hooks[0]
        assert ema.momentum == base.custom_hooks[0].momentum
        switch = cfg.custom_hooks[1]
        assert switch.switch_epoch == base.custom_hooks[1].switch_epoch
        assert switch.switch_pipeline[-1].type == 'PackPoseInputs'
        assert switch.switch_pipeline[-1].pack_transformed
    labeled = cfg.train_dataloader.dataset.labeled.pipeline
    assert labeled[-1].type == 'PackPoseInputs'
    assert labeled[-1].pack_transformed
    register_all_modules()
    init_default_scope('mmpose')
    cfg.model.net_f.backbone.init_cfg = None
    model = MODELS.build(cfg.model)
    assert model.target_space == 'keypoint'


def test_unsupported_models_stop_at_the_writer(tmp_path):
    """A bottom-up model (and a head of no known codec) stop with what is
    supported, before any file is written."""
    out = tmp_path / 'ae.py'
    proc = subprocess.run([
        sys.executable, 'tools/trs_config.py',
        'mmpose::body_2d_keypoint/associative_embedding/coco/'
        'ae_hrnet-w32_8xb24-300e_coco-512x512.py', '--labeled-ann', 'l.json',
        '--unlabeled-ann', 'u.json', '-o',
        str(out)
    ],
                          capture_output=True,
                          text=True,
                          timeout=300)
    assert proc.returncode != 0
    assert 'BottomupPoseEstimator' in proc.stderr
    assert 'TopdownPoseEstimator' in proc.stderr and not out.exists()
    from mmpose_trs.apis.config_review import check_supported
    cfg = Config(
        dict(
            model=dict(
                type='TopdownPoseEstimator',
                head=dict(
                    type='DSNTHead',
                    decoder=dict(type='IntegralRegressionLabel')))))
    with pytest.raises(
            ValueError,
            match='DSNTHead decodes with '
            'IntegralRegressionLabel; supported'):
        check_supported(cfg, 'x.py')
