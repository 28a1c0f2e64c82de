"""Accuracy benchmark: does semi-supervised training beat supervised-only?

Per seed and network architecture, one supervised burn-in (net_f and net_g of
that architecture trained on the labeled split only) is trained once; every
arm starts from the burn-in of the networks it trains (the plain-head arms
share one, the MFL arms another, the three-level MFL arm its own), so no arm
inherits another architecture's supervision, and runs the same number of
further iterations on the embedded synthetic dataset (paper Table VI
layout):

    supervised   continues on the labeled split only
    dual         Xie et al.'s Dual networks (no reviewers, no MFL, no KM)
    trs          + EMA reviewers
    trs_mfl      + Multi-level Feature Learning
    trs_mfl_km   + Keypoint-Mix (the full method)
    all_labels   supervised on every label (labeled + unlabeled split): ceiling

and the protocol A/B arms (each is ``trs`` with one choice changed):

    trs_eq12_alt   eq. 12 read as ``L_s + 0.5 L_u`` (sup 1, unsup 0.5 a
                   guide)
    trs_wd         Adam with weight decay 1e-4
    trs_separate   each student's labeled and hard-view crops in two forwards

the rivals (sspcm, single, multiaugs, trs_mfl_multipath), the two-stage
pseudo-labelling baselines (pseudopose, datadistill: their burn-in's f labels
the unlabeled split, then supervised training on both), and Table IX's hard
augmentations, each alone on ``trs`` (trs_cutout, trs_jc, trs_km, trs_mixup,
trs_cutmix, trs_randaugment, trs_ssco; ``trs`` itself has the affine only),
the supervised baseline's weight decay (supervised_wd0.0001,
supervised_wd0.001) and each rival with TRS's Keypoint-Mix in place of its
paper's augmentation (dual_km, sspcm_km, single_km). Every patch is the
quick start's size.

Val AP (semi-supervised arms: mean of f and g) is recorded every
``--val-interval`` iterations; the summary gives mean +- std over seeds, a
curve plot and the gain over supervised-only in units of its seed spread.
Finished runs are reused, so an interrupted benchmark continues where it
stopped. Long: run it in the background, never in CI.

Example:
    python tools/benchmark_accuracy.py          # 3 seeds; 89 min measured on
                                                # a 2-core CPU (benchmarks.md)
    python tools/benchmark_accuracy.py --quick  # smoke preset: 2 seeds,
                                                # 60 + 40 iterations
"""
import argparse
import hashlib
import json
import os
import os.path as osp

import torch
from mmengine.config import Config

from mmpose_trs.safety.safe_checkpoint import load_checkpoint_file
from mmpose_trs.tools.run_tool import run_tool
from mmpose_trs.utils.networks import burn_in_weights
from . import report
from .arms import (AB_ARMS, ARMS, BURN_IN_CONFIG, METHOD_ARMS, PSEUDO_ARMS,
                   RIVAL_AUG_ARMS, SUPERVISED_WD_ARMS, TABLE_IX_ARMS,
                   apply_arm)

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
PRESETS = dict(
    default=dict(
        burn_in_iters=300, iters=300, val_interval=100, seeds=[0, 1, 2]),
    quick=dict(burn_in_iters=60, iters=40, val_interval=20, seeds=[0, 1]))


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        '--quick',
        action='store_true',
        help='short smoke-test preset (2 seeds, few iterations)')
    p.add_argument('--burn-in-iters', type=int)
    p.add_argument('--iters', type=int, help='iterations of each arm')
    p.add_argument('--val-interval', type=int)
    p.add_argument('--seeds', type=int, nargs='+')
    p.add_argument(
        '--arms',
        nargs='+',
        choices=list(ARMS),
        default=[
            a for a in ARMS if a not in AB_ARMS + METHOD_ARMS + TABLE_IX_ARMS +
            PSEUDO_ARMS + SUPERVISED_WD_ARMS[1:] + RIVAL_AUG_ARMS
        ])
    p.add_argument(
        '--data-root',
        default='data/synthetic',
        help='written by tools/make_synthetic_coco.py if absent')
    p.add_argument('--work-dir', default='work_dirs/benchmark_accuracy')
    p.add_argument(
        '--cfg-options',
        nargs='+',
        default=[],
        help='extra key=value overrides for every run')
    args = p.parse_args(argv)
    for key, value in PRESETS['quick' if args.quick else 'default'].items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.iters % args.val_interval:
        p.error('--iters must be a multiple of --val-interval')
    return args


def base_config(path: str, args, seed: int, iters: int) -> Config:
    """A quick-start config on ``args.data_root`` for ``iters`` iterations,
    validated every ``args.val_interval``, one final checkpoint."""
    from mmpose_trs.utils.config_tools import set_data_root
    cfg = Config.fromfile(osp.join(ROOT, path))
    set_data_root(cfg, osp.abspath(args.data_root))
    cfg.train_cfg.update(max_iters=iters, val_interval=args.val_interval)
    cfg.default_hooks.checkpoint.update(
        interval=iters, save_best=None, max_keep_ckpts=1)
    cfg.randomness = dict(seed=seed)
    # LR warm-up, then constant; arms decay x0.1 for their last 15 %
    cfg.param_scheduler = [
        dict(
            type='LinearLR',
            begin=0,
            end=50,
            start_factor=0.01,
            by_epoch=False)
    ]
    return cfg


def train(cfg: Config, work_dir: str, extra=()) -> float:
    """Train ``cfg`` in a fresh process (same code path as users); return
    the wall-clock seconds."""
    os.makedirs(work_dir, exist_ok=True)
    path = osp.join(work_dir, 'benchmark_config.py')
    cfg.dump(path)
    options = ['--cfg-options', *extra] if extra else []
    log = osp.join(work_dir, 'train_stdout.log')
    if osp.exists(log):
        os.remove(log)
    return run_tool(
        'train',
        path,
        '--work-dir',
        work_dir,
        *options,
        log=log,
        cwd=ROOT,
        echo=True)


#: the parts of a top-down network that make its architecture
ARCH_PARTS = ('backbone', 'neck', 'head')


def arm_network(cfg: Config) -> dict:
    """The top-down network config the arm trains (one architecture for
    all its networks: f, g, an SSPCM student).

    Raises:
        ValueError: the arm's networks differ (no one burn-in fits them).
    """
    from mmpose_trs.utils.networks import network_configs
    nets = [
        n.to_dict() if hasattr(n, 'to_dict') else dict(n)
        for n in network_configs(cfg.model)
    ]
    if any(architecture(n) != architecture(nets[0]) for n in nets):
        raise ValueError('the arm trains networks of different '
                         'architectures; one burn-in cannot start them all')
    return nets[0]


def architecture(net: dict) -> str:
    """The backbone, neck and head of a network config, as canonical
    JSON."""
    return json.dumps({k: net[k]
                       for k in ARCH_PARTS if k in net},
                      sort_keys=True,
                      default=str)


def burn_in_name(net: dict) -> str:
    """The work folder of the burn-in of ``net``'s architecture."""
    return 'burn_in_' + hashlib.sha1(
        architecture(net).encode()).hexdigest()[:10]


def run_burn_in(args, seed: int, net: dict) -> dict:
    """Supervised burn-in of net_f and net_g of the architecture ``net``;
    cached per (architecture, seed), so arms of one architecture share it
    and arms of another (MFL) never start from it."""
    work = osp.join(args.work_dir, f'seed{seed}', burn_in_name(net))
    done = osp.join(work, 'run.json')
    if osp.isfile(done):
        return report.load_json(done)
    cfg = base_config(BURN_IN_CONFIG, args, seed, args.burn_in_iters)
    cfg.model.net_f = cfg.model.net_g = net
    cfg.model.burn_in_iters = args.burn_in_iters  # supervised throughout
    cfg.train_cfg.val_interval = args.burn_in_iters
    seconds = train(cfg, work, args.cfg_options)
    run = dict(
        seconds=seconds,
        name=burn_in_name(net),
        architecture=architecture(net),
        checkpoint=osp.join(work, f'iter_{args.burn_in_iters}.pth'),
        curve=report.val_curve(work))
    report.write_json(done, run)
    return run


def arm_checkpoint(arm: str, cfg: Config, burn_in: dict, path: str) -> str:
    """Weights of the arm's model taken from the burn-in of its own
    networks: net_f (plain arms) or net_f/net_g with their copies (semi
    arms). Fails if any of the arm's weights would stay at their random
    initialisation or any burn-in weight would be left out (another
    architecture)."""
    from mmengine.registry import init_default_scope

    import mmpose_trs  # noqa: F401
    from mmpose.registry import MODELS
    init_default_scope('mmpose')
    state = load_checkpoint_file(burn_in['checkpoint'])['state_dict']
    model = MODELS.build(cfg.model)
    missing, unexpected = model.load_state_dict(
        burn_in_weights(state, model, ARMS[arm]['semi']), strict=False)
    if missing or unexpected:
        raise RuntimeError(
            f'the burn-in {burn_in["checkpoint"]} does not fit arm {arm}: '
            f'missing {missing[:5]}, unexpected {unexpected[:5]}')
    torch.save(
        dict(
            state_dict=model.state_dict(),
            meta=dict(burn_in=burn_in['checkpoint'])), path)
    return path


def pseudo_labels(spec: dict, args, burn_in: dict, work: str) -> str:
    """Stage 1 of PseudoPose / DataDistill: the burn-in's network f labels
    the unlabeled split (tools/pseudo_label.py, the arm's TTA), merged after
    the labeled split; returns the training file as an absolute path (a
    relative one would be read under the dataset's ``data_root``)."""
    out = osp.abspath(osp.join(work, 'pseudo_labels.json'))
    if osp.isfile(out):
        return out
    root = osp.abspath(args.data_root)
    run_tool(
        'pseudo_label',
        osp.join(osp.dirname(burn_in['checkpoint']), 'benchmark_config.py'),
        burn_in['checkpoint'],
        '--net',
        'f',
        '--data-root',
        root,
        '--ann-file',
        'annotations/person_keypoints_unlabeled.json',
        '--img-prefix',
        'images/',
        '--merge-with',
        osp.join(root, 'annotations/person_keypoints_labeled.json'),
        '--kpt-thr',
        '0.1',
        '--inst-thr',
        '0.1',
        '--scales',
        *spec['pseudo']['scales'],
        '-o',
        out,
        *(['--flip'] if spec['pseudo']['flip'] else []),
        log=osp.join(work, 'pseudo_label.log'),
        cwd=ROOT,
        echo=True)
    return out


def arm_config(arm: str, args, seed: int) -> Config:
    """The arm's config: its quick-start config and overrides, on the
    benchmark's data, seed and length."""
    cfg = base_config(ARMS[arm]['config'], args, seed, args.iters)
    apply_arm(cfg, ARMS[arm])
    return cfg


def run_arm(arm: str, args, seed: int) -> dict:
    """Train one arm from the burn-in of its own networks; cached per
    (arm, seed)."""
    work = osp.join(args.work_dir, f'seed{seed}', arm)
    done = osp.join(work, 'run.json')
    if osp.isfile(done):
        return report.load_json(done)
    spec = ARMS[arm]
    cfg = arm_config(arm, args, seed)
    burn_in = run_burn_in(args, seed, arm_network(cfg))
    if spec['semi']:
        cfg.model.burn_in_iters = 0  # the burn-in is already done
    cfg.param_scheduler.append(
        dict(
            type='MultiStepLR',
            begin=0,
            end=args.iters,
            by_epoch=False,
            milestones=[int(args.iters * 0.85)],
            gamma=0.1))
    os.makedirs(work, exist_ok=True)
    if 'pseudo' in spec:
        cfg.train_dataloader.dataset.ann_file = pseudo_labels(
            spec, args, burn_in, work)
    cfg.load_from = arm_checkpoint(arm, cfg, burn_in,
                                   osp.join(work, 'init_from_burn_in.pth'))
    seconds = train(cfg, work, args.cfg_options)
    last = burn_in['curve'][-1]
    key = spec.get('report', 'fg_mean' if spec['semi'] else 'f')
    start = dict(step=0, ap=last['f' if key == 's' else key])
    run = dict(
        seconds=seconds,
        burn_in=burn_in['name'],
        s_per_iter=report.iter_time(work),
        curve=[start] + report.val_curve(work, spec.get('report')))
    report.write_json(done, run)
    return run


def main(argv=None):
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    from mmpose_trs.synthetic import ensure_dataset
    ensure_dataset(args.data_root)  # any dataset there, or the default one
    runs = {arm: {} for arm in args.arms}
    for seed in args.seeds:
        for arm in args.arms:
            runs[arm][seed] = run_arm(arm, args, seed)
            print(
                f'seed {seed} {arm}: AP {runs[arm][seed]["curve"][-1]}',
                flush=True)
    text = report.summarize(runs, args, {a: ARMS[a] for a in args.arms})
    report.plot_curves(runs, args, {a: ARMS[a]
                                    for a in args.arms},
                       osp.join(args.work_dir, 'ap_curves.png'))
    print('\n' + text)
    with open(osp.join(args.work_dir, 'summary.md'), 'w') as f:
        f.write(text + '\n')


if __name__ == '__main__':
    main()
