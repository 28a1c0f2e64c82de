"""tools/benchmark_accuracy.py on tiny data: every arm starts from the
burn-in of its own networks (plain arms share one, MFL arms another), curves
and the summary are written, finished runs are reused."""
import json
import os.path as osp
import sys
from argparse import Namespace

import pytest
import torch
from helpers import run_ok

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

# (the mixed pair's two burn-ins: test_every_arm_starts_from_a_burn_in_...)
ARMS = ['supervised', 'dual', 'trs_mfl_km', 'trs_mfl_km_mean_test']
TRAINED = ARMS[:3]  # the last tests the weights of trs_mfl_km again


def _run(root, work):
    return run_ok([
        sys.executable, 'tools/benchmark_accuracy.py', '--burn-in-iters', '2',
        '--iters', '2', '--val-interval', '1', '--seeds', '1', '--arms', *ARMS,
        '--target-interval', '1', '--data-root', root, '--work-dir', work
    ],
                  timeout=1200)


def tiny_args(tmp_path, lab: str):
    """The benchmark's arguments for building arms (no run)."""
    return Namespace(
        data_root=str(tmp_path),
        iters=4,
        val_interval=2,
        burn_in_iters=2,
        lab=lab)


def _json(path):
    with open(path) as f:
        return json.load(f)


def test_arms_start_from_their_own_burn_in_and_runs_are_reused(
        synthetic_root, tmp_path):
    work = str(tmp_path / 'bench')
    log = _run(synthetic_root, work)
    for seed in (1, ):  # one seed keeps it quick; the seed is not 0
        runs = {
            arm: _json(osp.join(work, f'seed{seed}', arm, 'run.json'))
            for arm in TRAINED
        }
        # plain-head arms share a burn-in; the MFL arm has its own
        assert runs['supervised']['burn_in'] == runs['dual']['burn_in']
        assert runs['trs_mfl_km']['burn_in'] != runs['dual']['burn_in']
        for arm, run in runs.items():
            burn_in = _json(
                osp.join(work, f'seed{seed}', run['burn_in'], 'run.json'))
            assert ('MultiLevelHeatmapHead' in burn_in['architecture']) == (
                arm == 'trs_mfl_km')
            assert [p['step'] for p in run['curve']] == [0, 1, 2]
            start = burn_in['curve'][-1]['fg_mean' if arm !=
                                         'supervised' else 'f']
            assert run['curve'][0]['ap'] == start
        # the semi-supervised arms measured their targets at both iterations
        for arm in ('dual', 'trs_mfl_km'):
            assert [t['iter'] for t in runs[arm]['targets']] == [1, 2], arm
            assert runs[arm]['targets'][0]['targets']['g']['teacher'][
                'n_all'] > 0
        assert 'reviewer' in runs['trs_mfl_km']['targets'][0]['targets']['g']
        assert runs['supervised']['targets'] == []
        # the test-time reading: trs_mfl_km's final weights, levels averaged
        mean = _json(
            osp.join(work, f'seed{seed}', 'trs_mfl_km_mean_test', 'run.json'))
        assert mean['retest_of'] == 'trs_mfl_km'
        assert mean['source'] == runs['trs_mfl_km']['curve'][-1]
        assert mean['machine'] == runs['dual']['machine'] != {}
        assert set(mean['machine']) == {'cpu', 'isa', 'torch'}
        assert [p['step'] for p in mean['curve']] == [2]
        assert set(mean['curve'][0]) >= {'f', 'g', 'fg_mean', 'ap'}
        test_log = open(
            osp.join(work, f'seed{seed}', 'trs_mfl_km_mean_test',
                     'test_stdout.log')).read()
        assert 'iter_2.pth' in test_log
        burn_in = _json(
            osp.join(work, f'seed{seed}', runs['supervised']['burn_in'],
                     'run.json'))
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
    assert log.count('mmpose_trs.tools.train') == 2 + len(TRAINED)
    assert log.count('mmpose_trs.tools.test') == 1
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


def test_pseudo_labels_are_scored_against_the_hidden_truth(
        synthetic_root, tmp_path):
    """The two-stage baselines' mechanism number: the unlabeled split's
    hidden truth scores AP 1 against itself, the labeled split's persons
    (other images) are no labels of it, and data without hidden truth
    gives None."""
    from argparse import Namespace

    from benchmark import accuracy as benchmark_accuracy
    ann = osp.join(synthetic_root, 'annotations')
    truth = _json(osp.join(ann, 'person_keypoints_train_full.json'))
    unlabeled = {
        im['id']
        for im in _json(osp.join(ann, 'person_keypoints_unlabeled.json'))
        ['images']
    }
    args = Namespace(data_root=synthetic_root)
    perfect = benchmark_accuracy.pseudo_label_ap(
        args, osp.join(ann, 'person_keypoints_train_full.json'))
    assert perfect['ap'] == pytest.approx(1.0)
    assert perfect['num_labels'] == sum(a['image_id'] in unlabeled
                                        for a in truth['annotations'])
    wrong = tmp_path / 'wrong.json'
    # every person moved by 20 px: far outside the OKS tolerance
    moved = [
        dict(
            a,
            keypoints=[
                v + 20 * (i % 3 != 2) for i, v in enumerate(a['keypoints'])
            ]) for a in truth['annotations']
    ]
    wrong.write_text(json.dumps(dict(truth, annotations=moved)))
    assert benchmark_accuracy.pseudo_label_ap(args, str(wrong))['ap'] < 0.2
    assert benchmark_accuracy.pseudo_label_ap(
        Namespace(data_root=str(tmp_path)), str(wrong)) is None


def test_relative_paths_are_made_absolute(tmp_path, monkeypatch):
    """The trainings run from the repository root: a work dir, data root
    or keep dir given relative to the caller's directory would point
    elsewhere there, so the options come back absolute (defaults too)."""
    from benchmark.accuracy_args import parse_args
    monkeypatch.chdir(tmp_path)
    args = parse_args(
        ['--lab', 'b', '--work-dir', 'w', '--keep-dir', 'k/runs'])
    assert args.work_dir == str(tmp_path / 'w')
    assert args.keep_dir == str(tmp_path / 'k' / 'runs')
    assert args.data_root == str(tmp_path / 'data' / 'synthetic')
    assert parse_args([]).work_dir == str(tmp_path / 'work_dirs' /
                                          'benchmark_accuracy')


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


def test_every_arm_starts_from_a_burn_in_of_its_own_networks(tmp_path):
    """For every arm, the burn-ins of its networks' architectures give every
    weight of the arm's model and nothing else (arm_checkpoint loads them
    strictly): no arm starts from another architecture (e.g. a plain head
    from an MFL burn-in); a mixed pair takes f and g from two burn-ins."""
    import torch
    from benchmark import accuracy as benchmark_accuracy
    from benchmark.burn_in import arm_networks
    from mmengine.config import Config

    import mmpose_trs  # noqa: F401
    from mmpose.registry import MODELS
    from mmpose.utils import register_all_modules
    register_all_modules()
    args = tiny_args(tmp_path, 'a')
    names, saved = {}, {}
    for arm in benchmark_accuracy.ARMS:
        cfg = benchmark_accuracy.arm_config(arm, args, 0)
        burn_ins = {}
        for name, net in arm_networks(cfg).items():
            key = benchmark_accuracy.burn_in_name(net)
            if key not in saved:
                burn = Config.fromfile(benchmark_accuracy.BURN_IN_CONFIG)
                burn.model.net_f = burn.model.net_g = net
                saved[key] = str(tmp_path / f'{key}.pth')
                torch.save(
                    dict(state_dict=MODELS.build(burn.model).state_dict()),
                    saved[key])
            burn_ins[name] = dict(checkpoint=saved[key])
            names.setdefault(arm, {})[name] = key
        out = benchmark_accuracy.arm_checkpoint(arm, cfg, burn_ins,
                                                str(tmp_path / 'init.pth'))
        assert set(torch.load(out, weights_only=True)['state_dict']) == set(
            MODELS.build(cfg.model).state_dict()), arm
    plain = names['trs']['f']
    assert names['supervised']['f'] == names['dual']['f'] == plain
    assert names['sspcm']['s'] == plain
    assert names['trs_mfl']['f'] == names['trs_mfl_km']['g'] != plain
    assert names['trs_mixed']['f'] == names['trs']['f']
    assert names['trs_mixed']['g'] == names['trs_simcc']['f'] != names['trs'][
        'f']


def test_arm_overrides_replace_and_patches_are_alike(tmp_path):
    """An arm's augmentation replaces its config's whole (SSPCM's SSCO
    jitter does not leak into Keypoint-Mix), and every patch-based arm uses
    the quick start's one patch size."""
    from benchmark import accuracy as benchmark_accuracy
    args = tiny_args(tmp_path, 'a')
    km = benchmark_accuracy.arm_config('sspcm_km', args, 0).model
    assert km.pre_affine_aug.to_dict() == dict(
        type='TeacherKeypointMix', k=5, patch_size=11, score_thr=0.1)
    patch = benchmark_accuracy.arm_config('trs_km', args,
                                          0).model.pre_affine_aug
    assert patch.patch_size == 11
    for arm in ('dual', 'sspcm', 'single', 'trs_jc', 'trs_ssco'):
        aug = benchmark_accuracy.arm_config(arm, args, 0).model.pre_affine_aug
        assert aug.patch_size == 11, arm


@pytest.mark.parametrize('arm, strides', [('trs_mfl_km', (16, 32)),
                                          ('trs_mfl3_km', (8, 16, 32)),
                                          ('trs', (32, ))])
def test_lab_b_levels_have_distinct_strides(tmp_path, arm, strides):
    """Lab B: a ResNet of stride 32 without dilation, 96x128 crops, heatmaps
    at stride 4 from every level; MFL levels at distinct strides; the
    hard-view patches at the paper's 32 px scaled to the crop (16)."""
    from benchmark import accuracy as benchmark_accuracy

    import mmpose_trs  # noqa: F401
    from mmpose.registry import MODELS
    from mmpose.utils import register_all_modules
    register_all_modules()
    args = tiny_args(tmp_path, 'b')
    cfg = benchmark_accuracy.arm_config(arm, args, 0)
    net = MODELS.build(cfg.model).network('f')
    x = torch.zeros(1, 3, 128, 96)
    feats = net.backbone(x)
    levels = feats[-len(strides):]
    assert tuple(128 // f.shape[-2] for f in levels) == strides
    assert tuple(96 // f.shape[-1] for f in levels) == strides
    out = net.head.forward_levels(feats) if len(strides) > 1 else [
        net.head(feats)
    ]
    assert all(o.shape[-2:] == (32, 24) for o in out)
    pipeline = cfg.train_dataloader.dataset.labeled.pipeline
    affine = [t for t in pipeline if t['type'] == 'TopdownAffine']
    assert affine[0]['input_size'] == (96, 128)
    aug = cfg.model.pre_affine_aug
    assert aug is None or aug.patch_size == 16
    lab_a = tiny_args(tmp_path, 'a')
    assert benchmark_accuracy.burn_in_name(
        benchmark_accuracy.arm_network(
            cfg)) != benchmark_accuracy.burn_in_name(
                benchmark_accuracy.arm_network(
                    benchmark_accuracy.arm_config(arm, lab_a, 0)))


def test_labs_test_mfl_at_the_final_level_under_the_kept_names(tmp_path):
    """The MFL configs predict from the mean of the levels; the labs pin
    the final level (every kept run's reading; the mean is the retest arm)
    and a head's reading does not rename its burn-in, so the kept runs'
    burn-ins keep their names (lab A 6f6dcabafb, lab B a2f5579312)."""
    from benchmark import accuracy as benchmark_accuracy
    from benchmark.burn_in import architecture
    from mmengine.config import Config
    quick = Config.fromfile(benchmark_accuracy.ARMS['trs_mfl_km']['config'])
    assert quick.model.net_f.head.test_level == 'mean'
    for lab, name in (('a', 'burn_in_6f6dcabafb'), ('b',
                                                    'burn_in_a2f5579312')):
        cfg = benchmark_accuracy.arm_config('trs_mfl_km',
                                            tiny_args(tmp_path, lab), 0)
        assert cfg.model.net_f.head.test_level == 'final'
        assert cfg.model.net_g.head.test_level == 'final'
        net = benchmark_accuracy.arm_network(cfg)
        assert benchmark_accuracy.burn_in_name(net) == name
        mean = dict(net, head=dict(net['head'], test_level='mean'))
        assert architecture(mean) == architecture(net)
        other = dict(net, head=dict(net['head'], out_channels=3))
        assert architecture(other) != architecture(net)


def test_geometry_scales_every_hard_view_size():
    from benchmark.geometry import apply_geometry, scaled
    from mmengine.config import Config
    assert scaled(32, 96) == 16 and scaled(10., 96) == 5.
    assert scaled((10, 20), 96) == (5, 10)
    cfg = Config.fromfile(
        'configs/quickstart/multiaugs_res18-half_synthetic.py')
    apply_geometry(cfg, 'b')
    paths = cfg.model.hard_paths
    sizes = [a.get('patch_size', a.get('half_size')) for p in paths for a in p]
    assert sizes == [16, 16, 16, (5, 10)]
    assert [a.get('jitter') for p in paths for a in p][0] == 5.
    with pytest.raises(ValueError, match="lab must be 'a' or 'b'"):
        apply_geometry(cfg, 'c')


def test_start_ap_of_one_and_of_two_burn_ins():
    """A pair from one burn-in starts at its f/g mean; a mixed pair at the
    mean of f's AP in f's burn-in and g's in g's; an SSPCM student at f's."""
    from benchmark.accuracy import start_ap
    plain = dict(curve=[dict(f=0.1, g=0.3, fg_mean=0.2)])
    simcc = dict(curve=[dict(f=0.02, g=0.04, fg_mean=0.03)])
    assert start_ap(dict(f=plain, g=plain), 'fg_mean') == pytest.approx(0.2)
    assert start_ap(dict(f=plain, g=simcc), 'fg_mean') == pytest.approx(0.07)
    assert start_ap(dict(f=plain), 'fg_mean') == 0.2
    assert start_ap(dict(f=plain), 's') == 0.1
