"""The options of tools/benchmark_accuracy.py and their presets."""
import argparse
import os

from .arms import ARMS, LAB_A_ARMS, LAB_B_ARMS
from .geometry import LAB_B_SCHEDULE

PRESETS = dict(
    default=dict(
        burn_in_iters=300,
        iters=300,
        val_interval=100,
        seeds=[0, 1, 2],
        decay_at=0.85),
    quick=dict(
        burn_in_iters=60,
        iters=40,
        val_interval=20,
        seeds=[0, 1],
        decay_at=0.85))
#: lab B's schedule (paper geometry, tools/benchmark/geometry.py)
PRESETS['lab_b'] = dict(
    burn_in_iters=LAB_B_SCHEDULE['burn_in_iters'],
    iters=LAB_B_SCHEDULE['iters'],
    val_interval=LAB_B_SCHEDULE['val_interval'],
    decay_at=LAB_B_SCHEDULE['decay_at'],
    seeds=[0, 1, 2])


def parse_args(argv=None, description: str = None):
    """The benchmark's options, each unset one taken from its preset
    (``--quick``, lab A's default, lab B's)."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        '--quick',
        action='store_true',
        help='short smoke-test preset (2 seeds, few iterations)')
    p.add_argument(
        '--lab',
        choices=('a', 'b'),
        default='a',
        help="a: the quick start's geometry (fast); b: the paper's "
        'geometry at CPU cost (stride-32 ResNet, 96x128 crops)')
    p.add_argument('--burn-in-iters', type=int)
    p.add_argument('--iters', type=int, help='iterations of each arm')
    p.add_argument('--val-interval', type=int)
    p.add_argument(
        '--decay-at',
        type=float,
        help='share of an arm after which the LR drops x0.1 (lab A 0.85, '
        'lab B 0.7: its last fifth then runs after the drop)')
    p.add_argument('--seeds', type=int, nargs='+')
    p.add_argument(
        '--arms',
        nargs='+',
        choices=list(ARMS),
        help='default: lab A the ablation ladder and ceiling, lab B '
        'LAB_B_ARMS (tools/benchmark/arms.py)')
    p.add_argument(
        '--target-interval',
        type=int,
        default=50,
        help='iterations between two measurements of the students\' '
        'targets against the hidden keypoints (TargetAccuracyHook)')
    p.add_argument(
        '--claims',
        action='store_true',
        help='run the arms of the claims table (tools/benchmark/claims.py) '
        'instead of --arms, most-cited first')
    p.add_argument(
        '--order',
        choices=('seed', 'arm'),
        default='seed',
        help="'seed': every arm of a seed, then the next seed; 'arm': every "
        'seed of an arm, then the next arm (paired results come sooner)')
    p.add_argument(
        '--stage',
        choices=('all', 'burn-in'),
        default='all',
        help="'burn-in': train (or reuse) the arms' burn-ins only")
    p.add_argument(
        '--data-root',
        default='data/synthetic',
        help='written by tools/make_synthetic_coco.py if absent')
    p.add_argument(
        '--work-dir',
        help='default: work_dirs/benchmark_accuracy (lab A), '
        'work_dirs/benchmark_accuracy_lab_b (lab B)')
    p.add_argument(
        '--keep-dir',
        help='also copy each finished run.json here (same layout), and '
        'reuse the runs found here: a lab run across machines keeps its '
        'results in the repository (tools/run_lab.sh: docs/benchmark_runs)')
    p.add_argument(
        '--cfg-options',
        nargs='+',
        default=[],
        help='extra key=value overrides for every run')
    args = p.parse_args(argv)
    preset = 'quick' if args.quick else \
        ('lab_b' if args.lab == 'b' else 'default')
    for key, value in PRESETS[preset].items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.claims:
        from .claims import claim_arms
        args.arms = claim_arms()
    elif args.arms is None:
        args.arms = list(LAB_B_ARMS if args.lab == 'b' else LAB_A_ARMS)
    if args.work_dir is None:
        args.work_dir = 'work_dirs/benchmark_accuracy' + ('_lab_b' if args.lab
                                                          == 'b' else '')
    # the trainings run from the repository root (runs.train): paths given
    # relative to the caller's directory are made absolute here
    for key in ('work_dir', 'data_root', 'keep_dir'):
        if getattr(args, key):
            setattr(args, key, os.path.abspath(getattr(args, key)))
    if args.iters % args.val_interval:
        p.error('--iters must be a multiple of --val-interval')
    return args
