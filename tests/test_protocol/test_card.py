"""The protocol card: values computed from the built objects, and the check
flags each deviation the configs had before the protocol fixes."""
import glob
import json
import sys

import pytest
from helpers import run_ok
from mmengine.config import Config

from mmpose_trs.protocol import check_card, expected_protocol, protocol_card

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

TRS_1K = 'configs/trs/coco/trs_res18_coco-1k_256x192.py'
DUAL_1K = 'configs/trs/coco/dual_res18_coco-1k_256x192.py'


@pytest.fixture(scope='module')
def trs_card():
    return protocol_card(Config.fromfile(TRS_1K), build_data=False)


def test_card_values(trs_card):
    c = trs_card
    assert c['schedule.epoch_iters'] == 4682
    assert c['schedule.iterations'] == 468200
    assert c['schedule.lr_milestones_epochs'] == [70, 90]
    assert c['schedule.lr_milestones_iters'] == [70 * 4682, 90 * 4682]
    assert c['schedule.warmup'] == 'none'
    assert c['optimizer.type'] == 'Adam' and c['optimizer.weight_decay'] == 0
    assert (c['batch.labeled_per_step'], c['batch.unlabeled_per_step']) == \
        (32, 32)
    assert c['bn.teacher_group'] == 32 and c['bn.student_groups'] == [32, 32]
    assert c['loss.unsup_to_sup_per_guide'] == 2.0
    assert c['loss.unsup_to_sup_total'] == 4.0
    assert c['easy.rotation_bound'] == pytest.approx(60, abs=0.01)
    assert c['easy.half_body_rate'] == 0 and c['easy.shift_rate'] == 0
    assert c['easy.unlabeled_same_as_labeled'] is True
    assert c['hard.rotation_zero_share'] == pytest.approx(0.2, abs=0.02)
    assert c['split.sizes_from'] == 'declared'
    assert c['test.flip'] == [False, False]
    assert c['test.boxes'] == 'ground truth'


def _diffs(cfg, path=TRS_1K):
    rows = check_card(
        protocol_card(cfg, build_data=False), expected_protocol(path))
    return {r['key'] for r in rows if r['status'] == 'DIFF'}


def test_check_flags_the_old_settings():
    """Each pre-fix setting of the configs is reported as a deviation."""
    cfg = Config.fromfile(TRS_1K)
    cfg.optim_wrapper.optimizer.weight_decay = 1e-4
    cfg.model.update(sup_weight=1.0, unsup_weight=0.5, student_forward='joint')
    cfg.sync_bn = None
    old_easy = [
        dict(type='LoadImage'),
        dict(type='GetBBoxCenterScale'),
        dict(type='RandomFlip', direction='horizontal'),
        dict(type='RandomHalfBody'),
        dict(
            type='RandomBBoxTransform',
            rotate_factor=30,
            scale_factor=(0.75, 1.25))
    ]
    cfg.train_dataloader.dataset.labeled.pipeline = old_easy
    cfg.train_cfg.max_epochs = 70
    cfg.param_scheduler.insert(
        0,
        dict(
            type='LinearLR',
            begin=0,
            end=500,
            start_factor=0.001,
            by_epoch=False))
    diffs = _diffs(cfg)
    for key in ('optimizer.weight_decay', 'loss.sup_weight',
                'loss.unsup_to_sup_per_guide', 'bn.teacher_group',
                'bn.student_groups', 'easy.rotation_std',
                'easy.rotation_bound', 'easy.scale_on_bound_share',
                'easy.shift_rate', 'easy.half_body_rate',
                'easy.unlabeled_same_as_labeled', 'schedule.epochs',
                'schedule.warmup'):
        assert key in diffs, key


@pytest.mark.parametrize('path', sorted(glob.glob('configs/quickstart/*.py')))
def test_card_of_configs_without_a_protocol(path):
    """Configs that claim no protocol get a card too; without data or
    declared sizes, what needs the epoch length is None, not a number in
    the wrong unit."""
    card = protocol_card(Config.fromfile(path), build_data=False)
    assert expected_protocol(path) is None
    assert card['schedule.iterations'] == 1000
    assert card['schedule.epochs'] is None
    assert card['schedule.lr_milestones_iters'] == [850]
    assert card['schedule.lr_milestones_epochs'] == [None]


def test_gpus_change_the_bn_groups():
    card = protocol_card(Config.fromfile(TRS_1K), num_gpus=1, build_data=False)
    assert card['bn.student_groups'] == [8, 8]  # 8 + 8 on one GPU
    assert card['schedule.epoch_iters'] == 18727  # 149,813 / 8


def _json(out: str):
    """The JSON object the tool printed (warnings may follow it)."""
    return json.JSONDecoder().raw_decode(out[out.index('{'):])[0]


def test_tool_json_and_diff():
    out = run_ok([
        sys.executable, 'tools/analysis/protocol_card.py', TRS_1K, '--json',
        '--no-data'
    ])
    card = _json(out)
    assert card['protocol'] == 'trs_1k'
    assert card['card']['schedule.iterations'] == 468200
    out = run_ok([
        sys.executable, 'tools/analysis/protocol_card.py', TRS_1K, '--diff',
        DUAL_1K, '--no-data', '--json'
    ])
    diff = _json(out)
    assert diff['schedule.epochs'] == [100, 70]
    assert diff['loss.guides'] == [['teacher', 'reviewer'], ['teacher']]
    assert 'optimizer.lr' not in diff
    text = run_ok([
        sys.executable, 'tools/analysis/protocol_card.py', DUAL_1K, '--no-data'
    ])
    assert '0 undeclared difference(s)' in text
    assert 'declared: ' in text  # Joint Cutout details, g's weights
