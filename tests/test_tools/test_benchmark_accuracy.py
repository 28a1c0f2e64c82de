"""tools/benchmark_accuracy.py on tiny data: every arm starts from the one
shared burn-in, curves and the summary are written, finished runs are
reused."""
import json
import os.path as osp
import sys

import pytest
import torch
from helpers import run_ok

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

ARMS = ['supervised', 'dual', 'trs_mfl_km']


def _run(root, work):
    return run_ok([
        sys.executable, 'tools/benchmark_accuracy.py', '--burn-in-iters', '2',
        '--iters', '2', '--val-interval', '1', '--seeds', '1', '--arms', *ARMS,
        '--data-root', root, '--work-dir', work
    ],
                  timeout=1200)


def _json(path):
    with open(path) as f:
        return json.load(f)


def test_arms_share_the_burn_in_and_runs_are_reused(synthetic_root, tmp_path):
    work = str(tmp_path / 'bench')
    log = _run(synthetic_root, work)
    for seed in (1, ):  # one seed keeps it quick; the seed is not 0
        burn_in = _json(osp.join(work, f'seed{seed}', 'burn_in', 'run.json'))
        last = burn_in['curve'][-1]
        for arm in ARMS:
            run = _json(osp.join(work, f'seed{seed}', arm, 'run.json'))
            assert [p['step'] for p in run['curve']] == [0, 1, 2]
            start = last['fg_mean' if arm != 'supervised' else 'f']
            assert run['curve'][0]['ap'] == start
        # net_f's burn-in weights are where the supervised arm starts
        burnt = torch.load(burn_in['checkpoint'], weights_only=True)
        init = torch.load(
            osp.join(work, f'seed{seed}', 'supervised',
                     'init_from_burn_in.pth'),
            weights_only=True)['state_dict']
        for k, v in init.items():
            assert torch.equal(v, burnt['state_dict']['net_f.' + k]), k
    summary = open(osp.join(work, 'summary.md')).read()
    assert 'seeds [1]' in summary and '| Dual (Xie et al.) |' in summary
    assert '- Supervised < Dual < TRS (full):' in summary
    assert osp.getsize(osp.join(work, 'ap_curves.png')) > 10000
    again = _run(synthetic_root, work)  # nothing left to train
    assert 'mmpose_trs.tools.train' not in again and summary.strip() in again
    assert log.count('mmpose_trs.tools.train') == 1 + len(ARMS)
    assert not osp.exists(osp.join(work, 'seed0'))


def test_burn_in_weights_fill_every_network_of_every_method():
    """SSPCM's student and snapshots, Single's f and TRS's reviewers all get
    burn-in weights (s and the snapshots from f and g by name)."""
    from helpers import DATA_PREPROCESSOR, build, tiny_pose_net

    from mmpose.registry import MODELS
    from mmpose_trs.utils.networks import burn_in_weights
    trs = build()
    state = trs.state_dict()
    sspcm = MODELS.build(
        dict(
            type='SSPCMPoseEstimator',
            net_f=tiny_pose_net(),
            data_preprocessor=DATA_PREPROCESSOR))
    missing, _ = sspcm.load_state_dict(
        burn_in_weights(state, sspcm, True), strict=False)
    assert missing == []
    key = 'head.final_layer.weight'
    for net, src in (('s', 'net_f'), ('snapshot_g', 'net_g'), ('snapshot_f',
                                                               'net_f')):
        assert torch.equal(
            sspcm.network(net).state_dict()[key], state[f'{src}.{key}'])
    plain = burn_in_weights(state, None, False)
    assert torch.equal(plain[key], state[f'net_f.{key}'])


def test_pseudo_label_file_is_absolute_under_a_relative_work_dir(
        tmp_path, monkeypatch):
    """The training file is read under the dataset's data_root when it is
    relative: the stage-1 file must come back absolute (a finished file is
    reused without running the tool)."""
    from benchmark import accuracy as benchmark_accuracy
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'rel' / 'seed0').mkdir(parents=True)
    (tmp_path / 'rel' / 'seed0' / 'pseudo_labels.json').write_text('{}')
    out = benchmark_accuracy.pseudo_labels(
        benchmark_accuracy.ARMS['pseudopose'], None, {}, 'rel/seed0')
    assert osp.isabs(out)
    assert out == str(tmp_path / 'rel' / 'seed0' / 'pseudo_labels.json')


def test_every_arm_builds_with_its_overrides():
    """Each arm's config, model overrides and options give a model (the
    arms' hard-view augmentations are registered, their arguments valid)."""
    from benchmark import accuracy as benchmark_accuracy
    from mmengine.config import Config

    import mmpose_trs  # noqa: F401
    from mmpose.registry import MODELS
    from mmpose.utils import register_all_modules
    register_all_modules()
    for name, spec in benchmark_accuracy.ARMS.items():
        cfg = Config.fromfile(spec['config'])
        benchmark_accuracy.apply_arm(cfg, spec)
        model = MODELS.build(cfg.model)
        aug = spec.get('model', {}).get('pre_affine_aug')
        if aug:
            assert type(model.pre_affine_aug).__name__ == aug['type'], name
    assert set(benchmark_accuracy.TABLE_IX_ARMS) <= set(
        benchmark_accuracy.ARMS)
