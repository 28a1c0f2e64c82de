"""End to end on tiny data: tools/train.py (validates all four networks,
saves the best), resume, tools/test.py, and the same through mim."""
import glob
import json
import os.path as osp
import sys

import pytest
import torch
from helpers import QUICKSTART_TRS, dump_config
from helpers import run_ok as run
from helpers import tiny_config

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

PY = sys.executable


def _last(work):
    with open(osp.join(work, 'last_checkpoint')) as f:
        return f.read().strip()


@pytest.fixture(scope='module')
def trained(synthetic_root, tmp_path_factory):
    """A TRS run of 4 iterations with validation at 2 and 4."""
    tmp = tmp_path_factory.mktemp('trs_e2e')
    cfg = tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp / 'trs.py'))
    work = str(tmp / 'work')
    log = run([PY, 'tools/train.py', cfg, '--work-dir', work])
    return dict(cfg=cfg, work=work, log=log, tmp=tmp, root=synthetic_root)


def test_train_validates_all_networks_and_saves_best(trained):
    log = trained['log']
    for net in ('f', 'g', 'reviewer_f', 'reviewer_g', 'fg_mean'):
        assert f'{net}/coco/AP' in log
    assert 'unsup_g_teacher_loss_kpt' in log
    assert 'unsup_f_reviewer_loss_kpt' in log
    assert osp.isfile(osp.join(trained['work'], 'iter_4.pth'))
    best = glob.glob(osp.join(trained['work'], 'best_fg_mean_coco_AP_*.pth'))
    assert len(best) == 1


def test_checkpoint_holds_all_networks_and_loads_safely(trained):
    """Our checkpoints load with torch's weights_only protection on."""
    ckpt = torch.load(
        osp.join(trained['work'], 'iter_4.pth'),
        map_location='cpu',
        weights_only=True)
    prefixes = {k.split('.')[0] for k in ckpt['state_dict']}
    assert prefixes == {'net_f', 'net_g', 'reviewer_f', 'reviewer_g'}
    assert ckpt['meta']['iter'] == 4


def test_checkpoint_kind_final_or_best(trained):
    """The last checkpoint of a run is its final weights; best_*.pth is the
    validation pick (Xie et al.'s model selection). Runs before the resume test
    drops iter_4.pth."""
    from mmpose_trs.safety.checkpoint_info import describe_checkpoint
    final = describe_checkpoint(osp.join(trained['work'], 'iter_4.pth'))
    assert (final['kind'], final['iter'], final['max_iters']) == \
        ('final', 4, 4)
    assert 'final weights' in final['text']


def test_resume_continues_from_the_checkpoint(trained):
    work = trained['work']
    log = run([
        PY, 'tools/train.py', trained['cfg'], '--work-dir', work, '--resume',
        '--cfg-options', 'train_cfg.max_iters=6'
    ])
    assert 'resumed' in log.lower() or 'Load checkpoint' in log
    ckpt = torch.load(
        osp.join(work, 'iter_6.pth'), map_location='cpu', weights_only=True)
    assert ckpt['meta']['iter'] == 6


@pytest.fixture(scope='module')
def tested_best(trained):
    """tools/test.py on the best checkpoint, every network: (log, metrics,
    the checkpoint)."""
    out = str(trained['tmp'] / 'metrics.json')
    best = glob.glob(osp.join(trained['work'], 'best_fg_mean_coco_AP_*.pth'))
    log = run([
        PY, 'tools/test.py', trained['cfg'], best[0], '--work-dir',
        str(trained['tmp'] / 'test'), '--metrics-out', out
    ])
    return log, json.load(open(out)), best[0]


def test_tools_test_reports_every_network(tested_best):
    log, metrics, _ = tested_best
    assert 'the best validation checkpoint' in log
    assert metrics['checkpoint/is_best'] == 1.
    assert metrics['checkpoint/is_final'] == 0.
    for net in ('f', 'g', 'reviewer_f', 'reviewer_g', 'ensemble'):
        assert 0. <= metrics[f'{net}/coco/AP'] <= 1.
    assert metrics['fg_mean/coco/AP'] == pytest.approx(
        (metrics['f/coco/AP'] + metrics['g/coco/AP']) / 2)


def test_tools_test_predict_on_an_ensemble(trained, tested_best):
    """``--predict-on f,g`` tests the model's own predict (plain TestLoop)
    and gives the multi-network loop's ``ensemble`` AP; ``--predict-on g``
    gives g's (same checkpoint as the every-network test)."""
    _, every, ckpt = tested_best
    got = {}
    for target in ('f,g', 'g'):
        out = str(trained['tmp'] / f'predict_{target}.json')
        run([
            PY, 'tools/test.py', trained['cfg'], ckpt, '--work-dir',
            str(trained['tmp'] / 'predict'), '--metrics-out', out,
            '--predict-on', target
        ])
        got[target] = json.load(open(out))
    assert 'f/coco/AP' not in got['f,g']
    assert got['f,g']['coco/AP'] == pytest.approx(every['ensemble/coco/AP'])
    assert got['g']['coco/AP'] == pytest.approx(every['g/coco/AP'])


def _latest(work: str) -> str:
    return max(
        glob.glob(osp.join(work, 'iter_*.pth')),
        key=lambda p: int(p.rsplit('_', 1)[1][:-4]))


def test_inferencer_with_an_ensemble(trained):
    """MMPose's inferencer runs a config whose predict_on is an ensemble
    (the plugin imported by the config's custom_imports)."""
    from mmengine.config import Config

    from mmpose.apis.inferencers import Pose2DInferencer
    cfg = Config.fromfile(trained['cfg'])
    cfg.model.test_cfg['predict_on'] = ('f', 'g')
    path = str(trained['tmp'] / 'ensemble_cfg.py')
    dump_config(cfg, path)
    inferencer = Pose2DInferencer(
        model=path,
        weights=_latest(trained['work']),
        device='cpu',
        det_model='whole_image')
    assert inferencer.model.test_cfg['predict_on'] == ('f', 'g')
    img = sorted(glob.glob(osp.join(trained['root'], 'images', 'val', '*')))[0]
    result = next(inferencer(img, return_vis=False))
    keypoints = result['predictions'][0][0]['keypoints']
    assert len(keypoints) == 17 and len(keypoints[0]) == 2


def test_mim_train_and_test(trained):
    """``mim train mmpose CONFIG`` / ``mim test mmpose CONFIG`` run mmpose's
    own tools with our config."""
    mim = osp.join(osp.dirname(PY), 'mim')
    work = str(trained['tmp'] / 'mim')
    run([
        mim, 'train', 'mmpose', trained['cfg'], '--work-dir', work, '--gpus',
        '0', '--cfg-options', 'train_cfg.max_iters=2'
    ])
    ckpt = osp.join(work, 'iter_2.pth')
    assert osp.isfile(ckpt)
    log = run([
        mim, 'test', 'mmpose', trained['cfg'], '--checkpoint', ckpt,
        '--work-dir', work, '--gpus', '0'
    ])
    assert 'reviewer_g/coco/AP' in log


def test_save_best_selects_on_the_ensemble(trained):
    """The loops' ``ensemble/coco/AP`` is a metric like any: save_best
    keeps the best checkpoint by it."""
    work = str(trained['tmp'] / 'best_ensemble')
    log = run([
        PY, 'tools/train.py', trained['cfg'], '--work-dir', work,
        '--cfg-options', 'train_cfg.max_iters=2',
        'default_hooks.checkpoint.save_best=ensemble/coco/AP'
    ])
    assert 'ensemble/coco/AP' in log
    assert glob.glob(osp.join(work, 'best_ensemble_coco_AP_iter_*.pth'))
