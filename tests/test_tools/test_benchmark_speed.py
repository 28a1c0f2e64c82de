"""tools/benchmark_speed.py: the quick mode runs from the command line on
the synthetic data and reports consistent measurements."""
import json
import os.path as osp
import sys

import pytest
import torch
from helpers import run_ok

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


def test_quick_run_reports_every_measure(synthetic_root, tmp_path):
    out = tmp_path / 'speed.json'
    log = run_ok([
        sys.executable, 'tools/benchmark_speed.py', '--quick', '--device',
        'cpu', '--data-root', synthetic_root, '--out',
        str(out)
    ])
    r = json.loads(out.read_text())
    s = r['seconds']
    assert r['labeled'] == r['unlabeled'] == 16 and r['timed_steps'] == 2
    # a TRS step does several network passes; its floor is their sum
    assert s['trs'] > s['vanilla'] > 0
    floor = sum(v for k, v in s.items() if k.startswith('floor_'))
    assert abs(r['trs_over_floor'] - s['trs'] / floor) < 1e-9
    assert abs(r['floor_over_vanilla'] - floor / s['vanilla']) < 1e-9
    assert r['floor_over_vanilla'] > 2
    assert 0 < r['warp_share'] < 1 and 0 < r['keypoint_mix_share'] < 1
    mem = r['memory']
    # four networks (two with Adam state) against one
    assert mem['trs']['weights_and_optimizer_mib'] > \
        3 * mem['vanilla']['weights_and_optimizer_mib']
    assert all(v > 0 for v in r['data_seconds_per_step'].values())
    inf = r['inference']
    with open(
            osp.join(synthetic_root, 'annotations',
                     'person_keypoints_val.json')) as f:
        assert inf['batch'] == len(json.load(f)['annotations'])  # one batch
    assert 0.3 < inf['exported_over_vanilla'] < 3
    assert '**TRS / floor** (target <= 1.05)' in log
    assert f"{r['trs_over_floor']:.3f}" in log


def test_methods_speed_floor_has_every_pass(synthetic_root):
    """tools/benchmark_methods_speed.py: a method's floor holds one student
    pass per trained network (on B_l + P B_u crops) and one forward per
    guide (built, not timed, here)."""
    from benchmark import methods_speed as bms
    from benchmark import speed as bs

    import mmpose_trs  # noqa: F401
    bs.init_default_scope('mmpose')
    cfg = bs.load_config(bms.METHODS['sspcm'], synthetic_root)
    pool = dict(inputs=torch.zeros(48, 3, 96, 64), data_samples=[None] * 48)
    arms = bms.method_arms('sspcm', cfg, lambda codec: pool, 'cpu')
    assert set(arms) == {'sspcm'} | {
        f'sspcm/{p}'
        for p in ('f_sup', 'g_sup', 's_sup', 'f_guide', 'g_guide',
                  'snapshot_f_guide', 'snapshot_g_guide')
    }
    # a mixed pair: each network's floor pass on targets of its own codec
    cfg = bs.load_config(bms.METHODS['trs_mixed'], synthetic_root)
    asked = []
    bms.method_arms('trs_mixed', cfg,
                    lambda codec: asked.append(codec['type']) or pool, 'cpu')
    assert asked == ['MSRAHeatmap', 'SimCCLabel']
    simcc = bms.labeled_pool(cfg.model.net_g.head.decoder, synthetic_root, 4)
    labels = simcc['data_samples'][0].gt_instance_labels
    assert labels.keypoint_x_labels.shape == (1, 17, 128)


def test_methods_speed_quick_run(synthetic_root, tmp_path):
    out = tmp_path / 'methods.json'
    log = run_ok([
        sys.executable, 'tools/benchmark_methods_speed.py', '--quick',
        '--device', 'cpu', '--data-root', synthetic_root, '--methods',
        'single', '--out',
        str(out)
    ])
    r = json.loads(out.read_text())['methods']['single']
    assert set(r['parts']) == {'f_sup', 'f_guide'}
    assert abs(r['floor_s'] - sum(r['parts'].values())) < 1e-9
    assert abs(r['step_over_floor'] - r['step_s'] / r['floor_s']) < 1e-9
    assert f"{r['step_over_floor']:.2f}" in log


def test_variants_compare_losses_and_times(synthetic_root, tmp_path):
    """The command line and its table; bfloat16 (34 s a step on this CPU
    against 2.5 s) is checked on a tiny network below."""
    out = tmp_path / 'variants.json'
    log = run_ok([
        sys.executable, 'tools/benchmark_speed.py', '--quick', '--device',
        'cpu', '--data-root', synthetic_root, '--variants', 'channels_last',
        'fused_reviewers', '--out',
        str(out)
    ])
    rows = json.loads(out.read_text())['variants']
    assert list(rows) == ['default', 'channels_last', 'fused_reviewers']
    assert rows['default']['step_s'] > 0
    # same computation in another memory format: float rounding only
    assert rows['channels_last']['loss_rel_diff'] < 1e-4
    # the reviewers' passes batched by vmap: the same targets
    assert rows['fused_reviewers']['loss_rel_diff'] < 1e-5
    for name in ('channels_last', 'fused_reviewers'):
        ratio = rows[name]['over_default']
        assert ratio == rows[name]['step_s'] / rows['default']['step_s']
    assert '| channels_last |' in log


def test_variant_arms_start_alike_and_bf16_moves_the_losses_a_little():
    """benchmark.step_variants on a tiny TRS model: every variant's first
    step from the same weights and batch; bfloat16 autocast changes the
    losses, but not beyond a few per cent (20 % for this tiny network)."""
    from benchmark.step_variants import variant_arms
    from helpers import batch, build, set_iter
    from mmengine.registry import init_default_scope
    init_default_scope('mmpose')
    inputs, samples = batch()
    set_iter(5)
    arms, notes = variant_arms(
        build(burn_in_iters=0),
        dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-3)),
        dict(inputs=inputs, data_samples=samples),
        ['channels_last', 'bf16', 'fused_reviewers'], 'cpu')
    assert set(arms) == {'default', 'channels_last', 'bf16', 'fused_reviewers'}
    assert notes['channels_last'] < 1e-4
    assert notes['fused_reviewers'] < 1e-5
    assert 1e-6 < notes['bf16'] < 0.2
    losses = arms['bf16']()  # a second step runs
    assert all(torch.isfinite(v) for k, v in losses.items() if 'loss' in k)
