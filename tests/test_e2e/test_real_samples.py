"""The paper's COCO TRS config (ResNet-18, MFL, KM, reviewers) trains and
validates on the real COCO sample images, from a split made by
tools/split_coco.py; the test-time protocol switch works."""
import json
import os.path as osp
import sys

import pytest
from conftest import REAL_SAMPLES
from helpers import dump_config, frequent_hooks, run_ok, shrink_loaders
from mmengine.config import Config

from mmpose_trs.tools import split_coco
from mmpose_trs.utils.branches import source_configs
from mmpose_trs.utils.networks import network_configs

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

COCO = osp.join(REAL_SAMPLES, 'coco')
MAIN = 'configs/trs/coco/trs_res18_coco-1k_256x192.py'


def shrink_run(cfg, sources, val_img_dir, val_ann):
    """Make a paper config run on sample data in place: no pretrained
    weights, tiny batches, ``sources`` = [(img_dir, ann_file)] for the
    labeled and unlabeled datasets, validation on ``val_ann``; one epoch of
    the paper's own loop (MixedEpochTrainLoop), burn-in 1."""
    for net in network_configs(cfg.model):
        net.backbone.init_cfg = None  # no download here
    shrink_loaders(cfg, num_labeled=2, num_unlabeled=6)
    for d, (img_dir,
            ann) in zip(source_configs(cfg.train_dataloader.dataset), sources):
        d.update(
            data_root='', data_prefix=dict(img=img_dir + '/'), ann_file=ann)
    for key in ('val_dataloader', 'test_dataloader'):
        cfg[key].dataset.update(
            data_root='',
            data_prefix=dict(img=val_img_dir + '/'),
            ann_file=val_ann)
    cfg.train_cfg.update(max_epochs=1, val_interval=1)
    cfg.expected_sizes = None  # a few real samples, not the split
    frequent_hooks(cfg, 1000, keep_best=False)
    cfg.model.burn_in_iters = 1


def real_sample_config(tmp_path):
    split_coco.main([
        osp.join(COCO, 'test_coco.json'),
        str(tmp_path), '--protocol', 'xie', '--num', '4', '--name', 'coco_4'
    ])
    cfg = Config.fromfile(MAIN)
    shrink_run(cfg, [(COCO, str(tmp_path / f'coco_4_{p}.json'))
                     for p in ('labeled', 'unlabeled')], COCO,
               osp.join(COCO, 'test_coco.json'))
    for key in ('val_evaluator', 'test_evaluator'):
        cfg[key].ann_file = osp.join(COCO, 'test_coco.json')
    path = str(tmp_path / 'trs_real.py')
    dump_config(cfg, path)
    return path


def test_coco_trs_config_trains_on_real_images(tmp_path):
    cfg = real_sample_config(tmp_path)
    work = tmp_path / 'work'
    log = run_ok(
        [sys.executable, 'tools/train.py', cfg, '--work-dir',
         str(work)])
    assert 'unsup_g_reviewer_loss_kpt_l1' in log  # MFL + reviewers after
    assert 'fg_mean/coco/AP' in log  # burn-in, all evaluated
    # one epoch: 4 labeled / 2 and 12 unlabeled / 6 per step, 2 iterations
    assert osp.isfile(work / 'iter_2.pth')
    out = tmp_path / 'metrics.json'
    # the real detection file's format; 16 of its 118 boxes keep it quick
    dets = json.load(open(osp.join(COCO, 'test_coco_det_AP_H_56.json')))
    det_file = tmp_path / 'dets.json'
    det_file.write_text(json.dumps(dets[:16]))
    run_ok([
        sys.executable, 'tools/test.py', cfg,
        str(work / 'iter_2.pth'), '--work-dir',
        str(tmp_path / 'test'), '--metrics-out',
        str(out), '--protocol', 'mmpose', '--det-file',
        str(det_file)
    ])
    assert 'reviewer_g/coco/AP' in json.load(open(out))


def test_protocol_switch():
    from mmpose_trs.utils.config_tools import apply_protocol
    cfg = Config.fromfile(MAIN)
    assert cfg.model.net_f.test_cfg.flip_test is False
    assert 'bbox_file' not in cfg.test_dataloader.dataset
    apply_protocol(cfg, 'mmpose', 'dets.json')
    assert cfg.model.net_g.test_cfg.flip_test is True
    assert cfg.test_dataloader.dataset.bbox_file == 'dets.json'
    apply_protocol(cfg, 'paper')
    assert cfg.model.net_f.test_cfg.flip_test is False
    assert 'bbox_file' not in cfg.val_dataloader.dataset


def mpii_real_config(tmp_path):
    """Table IV's config on the real MPII (labeled) and AI Challenger
    (unlabeled) samples, split by tools/split_coco.py."""
    mpii, aic = osp.join(REAL_SAMPLES, 'mpii'), osp.join(REAL_SAMPLES, 'aic')
    split_coco.main([
        osp.join(mpii, 'test_mpii.json'),
        str(tmp_path), '--format', 'mpii', '--num', '3', '--num-unlabeled',
        '2', '--img-dir', mpii, '--name', 'mpii'
    ])
    split_coco.main([
        osp.join(aic, 'test_aic.json'),
        str(tmp_path), '--protocol', 'unlabeled', '--num', '5', '--name', 'aic'
    ])
    cfg = Config.fromfile(
        'configs/trs/mpii/trs_res18_mpii-10k_aic-100k_256x256.py')
    shrink_run(cfg, [(mpii, str(tmp_path / 'mpii_labeled.json')),
                     (aic, str(tmp_path / 'aic_unlabeled.json'))], mpii,
               osp.join(mpii, 'test_mpii.json'))
    cfg.train_dataloader.batch_size = 5
    cfg.train_dataloader.sampler.num_unlabeled = 3
    for key in ('val_dataloader', 'test_dataloader'):
        cfg[key].dataset.headbox_file = None
    # no mpii_gt_val.mat here: PCK normalised by the box instead of PCKh
    cfg.val_evaluator = cfg.test_evaluator = dict(type='PCKAccuracy')
    path = str(tmp_path / 'mpii_real.py')
    dump_config(cfg, path)
    return path


def test_mpii_config_trains_on_real_images(tmp_path):
    cfg = mpii_real_config(tmp_path)
    log = run_ok([
        sys.executable, 'tools/train.py', cfg, '--work-dir',
        str(tmp_path / 'work')
    ])
    assert 'unsup_f_teacher_loss_kpt_l0' in log
    assert 'reviewer_f/PCK' in log
    # one epoch = ceil(5 AIC boxes / 3 per step) iterations
    assert osp.isfile(tmp_path / 'work' / 'iter_2.pth')
