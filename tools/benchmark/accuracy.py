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
import os
import os.path as osp
from typing import Optional

from mmengine.config import Config

from mmpose_trs.tools.run_tool import run_tool
from mmpose_trs.utils.networks import FG_MEAN
from . import report
from .accuracy_args import parse_args
from .arms import BURN_IN_CONFIG  # noqa: F401 (read here by the tests)
from .arms import TABLE_IX_ARMS  # noqa: F401 (read here by the tests)
from .arms import ARMS, apply_arm
from .burn_in import arm_network  # noqa: F401 (read here by the tests)
from .burn_in import burn_in_name  # noqa: F401 (read here by the tests)
from .burn_in import arm_checkpoint, arm_networks, run_burn_in
from .runs import ROOT, base_config, check_block_machine, machine, train


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


def pseudo_label_ap(args, labels: str) -> Optional[dict]:
    """The mechanism number of the two-stage baselines: COCO AP (``ap``,
    ``ap50``, ``ar``, ``num_labels``) of ``labels``' persons on the
    unlabeled images against their hidden truth (the synthetic set's
    ``train_full``); None where the data has none."""
    from mmpose_trs.apis.label_quality import label_ap
    ann = osp.join(osp.abspath(args.data_root), 'annotations')
    gt = osp.join(ann, 'person_keypoints_train_full.json')
    if not osp.isfile(gt):
        return None
    images = report.load_json(
        osp.join(ann, 'person_keypoints_unlabeled.json'))['images']
    return label_ap(gt, labels, [im['id'] for im in images])


def unique_networks(args, seed: int) -> list:
    """The networks of ``args.arms``, one per architecture."""
    nets = {}
    for arm in args.arms:
        for net in arm_networks(arm_config(arm, args, seed)).values():
            nets.setdefault(burn_in_name(net), net)
    return list(nets.values())


def start_ap(burn_ins: dict, key: str) -> float:
    """The AP an arm starts from: its burn-in's AP of ``key`` (an SSPCM
    student ``s``: f's); ``fg_mean``: the mean of f's AP in f's burn-in and
    g's in g's (two burn-ins for a mixed pair)."""
    last = {n: b['curve'][-1] for n, b in burn_ins.items()}
    if key == FG_MEAN and 'g' in last:  # one burn-in: its fg_mean
        return (last['f']['f'] + last['g']['g']) / 2
    return last['f']['f' if key == 's' else key]


def arm_config(arm: str, args, seed: int) -> Config:
    """The arm's config: its quick-start config and overrides, on the
    benchmark's data, seed and length."""
    cfg = base_config(ARMS[arm]['config'], args, seed, args.iters)
    apply_arm(cfg, ARMS[arm])
    for hook in cfg.get('custom_hooks', []):
        if hook['type'] == 'TargetAccuracyHook':
            hook['interval'] = getattr(args, 'target_interval', 50)
    return cfg


def run_arm(arm: str, args, seed: int, kept: bool = True) -> dict:
    """Train one arm from the burn-in of its own networks; cached per
    (arm, seed) in the work dir and, with ``--keep-dir``, there too (a run
    found only there is reused unless ``kept=False``: its weights are
    needed; the run trained then stays in the work dir and never replaces
    the kept one, which other arms may be paired with)."""
    work = osp.join(args.work_dir, f'seed{seed}', arm)
    done = report.run_file(args.work_dir, seed, arm)
    keep = report.run_file(args.keep_dir, seed, arm) if args.keep_dir else None
    if osp.isfile(done):
        run = report.load_json(done)
        if keep and not osp.isfile(keep):
            report.write_json(keep, run)
        return run
    if keep and kept and osp.isfile(keep):
        return report.load_json(keep)
    run = _train_arm(arm, args, seed, work)
    if keep and not osp.isfile(keep):
        report.write_json(keep, run)
    return run


def _train_arm(arm: str, args, seed: int, work: str) -> dict:
    """Train (or retest) one arm; write and return its ``run.json``."""
    done = osp.join(work, 'run.json')
    spec = ARMS[arm]
    if 'retest_of' in spec:
        return run_retest(arm, args, seed, work)
    cfg = arm_config(arm, args, seed)
    burn_ins = {
        name: run_burn_in(args, seed, net)
        for name, net in arm_networks(cfg).items()
    }
    burn_in = burn_ins['f']
    if spec['semi']:
        cfg.model.burn_in_iters = 0  # the burn-in is already done
    cfg.param_scheduler.append(
        dict(
            type='MultiStepLR',
            begin=0,
            end=args.iters,
            by_epoch=False,
            milestones=[int(args.iters * args.decay_at)],
            gamma=0.1))
    os.makedirs(work, exist_ok=True)
    labels = pseudo_labels(spec, args, burn_in, work) if ('pseudo'
                                                          in spec) else None
    if labels:
        cfg.train_dataloader.dataset.ann_file = labels
    cfg.load_from = arm_checkpoint(arm, cfg, burn_ins,
                                   osp.join(work, 'init_from_burn_in.pth'))
    seconds = train(cfg, work, args.cfg_options)
    key = spec.get('report', 'fg_mean' if spec['semi'] else 'f')
    start = dict(step=0, ap=start_ap(burn_ins, key))
    run = dict(
        seconds=seconds,
        burn_in=burn_in['name'],
        burn_ins={
            n: b['name']
            for n, b in burn_ins.items()
        },
        s_per_iter=report.iter_time(work),
        machine=machine(),
        curve=[start] + report.val_curve(work, spec.get('report')),
        targets=report.target_curve(work))
    quality = pseudo_label_ap(args, labels) if labels else None
    if quality is not None:
        run['pseudo_labels'] = quality
    report.write_json(done, run)
    return run


def run_retest(arm: str, args, seed: int, work: str) -> dict:
    """Test the final weights of the arm ``retest_of`` with the arm's
    ``options`` (a test-time reading: same weights, paired exactly); the
    curve is that one point, and ``source`` the final point of the run
    whose weights were tested (the exact pair, also where the kept source
    run was trained on another machine)."""
    spec = ARMS[arm]
    src = osp.join(args.work_dir, f'seed{seed}', spec['retest_of'])
    # the source's weights: a source kept without them is trained again
    source = run_arm(
        spec['retest_of'],
        args,
        seed,
        kept=osp.isfile(osp.join(src, f'iter_{args.iters}.pth')))
    out = osp.join(work, 'metrics.json')
    os.makedirs(work, exist_ok=True)
    run_tool(
        'test',
        osp.join(src, 'benchmark_config.py'),
        osp.join(src, f'iter_{args.iters}.pth'),
        '--work-dir',
        work,
        '--metrics-out',
        out,
        '--cfg-options',
        *[f'{k}={v}' for k, v in spec['options'].items()],
        log=osp.join(work, 'test_stdout.log'),
        cwd=ROOT,
        echo=True)
    nets = {
        k[:-len(report.METRIC)]: v
        for k, v in report.load_json(out).items() if k.endswith(report.METRIC)
    }
    point = dict(step=args.iters, ap=nets['fg_mean'], **nets)
    run = dict(
        seconds=0.,
        burn_in=source['burn_in'],
        s_per_iter=source['s_per_iter'],
        machine=machine(),
        curve=[point],
        retest_of=spec['retest_of'],
        source=source['curve'][-1])
    report.write_json(osp.join(work, 'run.json'), run)
    return run


def main(argv=None):
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv, __doc__.splitlines()[0])
    if args.keep_dir:
        check_block_machine(args.keep_dir)  # before anything is trained
    from mmpose_trs.synthetic import ensure_dataset
    ensure_dataset(args.data_root)  # any dataset there, or the default one
    if args.stage == 'burn-in':
        for seed in args.seeds:
            for net in unique_networks(args, seed):
                print(f'seed {seed} burn-in:',
                      run_burn_in(args, seed, net)['curve'][-1])
        return
    runs = {arm: {} for arm in args.arms}  # in seed order for the report
    pairs = [(s, a) for s in args.seeds for a in args.arms]
    if args.order == 'arm':
        pairs = [(s, a) for a in args.arms for s in args.seeds]
    for seed, arm in pairs:
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
