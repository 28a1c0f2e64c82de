"""The quick-start job: synthetic data, TRS vs supervised-only, one table.

1. writes the embedded synthetic dataset (data/synthetic) if absent;
2. trains the supervised-only baseline on the labeled split;
3. trains TRS (supervised burn-in, then f/g + reviewers) for the same
   iterations on the same labels plus the unlabeled split;
4. evaluates the final checkpoints and prints COCO AP of every network.

Example:
    python tools/quickstart.py --iters 1000
"""
import argparse
import json
import os
import os.path as osp

from mmengine.config import Config

from mmpose_trs.tools.run_tool import run_tool
from mmpose_trs.utils.config_tools import set_data_root
from mmpose_trs.utils.networks import REPORTED

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
CONFIGS = dict(
    supervised='configs/quickstart/supervised_res18-half_synthetic-labeled.py',
    trs='configs/quickstart/trs_res18-half_synthetic.py')
COLUMNS = ('coco/AP', 'coco/AP .5', 'coco/AR')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        '--iters',
        type=int,
        default=1000,
        help='training iterations of each model')
    p.add_argument(
        '--burn-in',
        type=int,
        default=300,
        help='supervised burn-in iterations of TRS')
    p.add_argument('--work-dir', default='work_dirs/quickstart')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument(
        '--data-root',
        default=None,
        help='an existing dataset written by tools/make_synthetic_coco.py, '
        'used instead of data/synthetic (which is written if absent)')
    return p.parse_args(argv)


def config_on(name: str, data_root: str, work: str) -> str:
    """The quick-start config ``name`` reading ``data_root``, written into
    ``work`` (the file the run and its test use)."""
    cfg = set_data_root(
        Config.fromfile(osp.join(ROOT, CONFIGS[name])), osp.abspath(data_root))
    os.makedirs(work, exist_ok=True)
    path = osp.join(work, f'{name}_config.py')
    cfg.dump(path)
    return path


def train_and_test(name, args, extra):
    work = osp.join(args.work_dir, name)
    config = config_on(name, args.data_root, osp.join(ROOT, work))
    opts = [
        f'train_cfg.max_iters={args.iters}',
        f'train_cfg.val_interval={args.iters}',
        f'default_hooks.checkpoint.interval={args.iters}',
        f'param_scheduler.1.end={args.iters}',
        f'param_scheduler.1.milestones=[{int(args.iters * 0.85)}]',
        f'randomness.seed={args.seed}'
    ] + extra
    seconds = run_tool(
        'train',
        config,
        '--work-dir',
        work,
        '--cfg-options',
        *opts,
        cwd=ROOT,
        echo=True)
    out = osp.join(work, 'final_metrics.json')
    run_tool(
        'test',
        config,
        osp.join(work, f'iter_{args.iters}.pth'),
        '--work-dir',
        work,
        '--metrics-out',
        out,
        cwd=ROOT,
        echo=True)
    with open(osp.join(ROOT, out)) as f:
        return json.load(f), seconds


def table(sup, trs, args, times):
    rows = [('supervised-only (labeled)', sup)]
    for net in REPORTED:
        rows.append((f'TRS {net}', {
            c: trs.get(f'{net}/{c}')
            for c in COLUMNS
        }))
    lines = [
        f'Synthetic COCO-format val, {args.iters} iterations each '
        f'(TRS: {args.burn_in} burn-in), seed {args.seed}',
        f'{"model":<28}' + ''.join(f'{c:>12}' for c in COLUMNS)
    ]
    for name, m in rows:
        cells = ''.join(
            f'{m[c]:>12.4f}' if m.get(c) is not None else f'{"-":>12}'
            for c in COLUMNS)
        lines.append(f'{name:<28}{cells}')
    gain = trs.get('fg_mean/coco/AP', float('nan')) - sup['coco/AP']
    lines.append(f'TRS (mean of f, g) - supervised: {gain:+.4f} AP')
    lines.append(f'training time: supervised {times[0]:.0f}s, '
                 f'TRS {times[1]:.0f}s')
    return '\n'.join(lines)


def main(argv=None):
    args = parse_args(argv)
    if args.data_root is None:  # the embedded dataset, written if absent
        args.data_root = osp.join(ROOT, 'data', 'synthetic')
        run_tool(
            'make_synthetic_coco',
            args.data_root,
            '--seed',
            args.seed,
            cwd=ROOT,
            echo=True)
    sup, t_sup = train_and_test('supervised', args, [])
    trs, t_trs = train_and_test('trs', args,
                                [f'model.burn_in_iters={args.burn_in}'])
    report = table(sup, trs, args, (t_sup, t_trs))
    print('\n' + report)
    with open(osp.join(ROOT, args.work_dir, 'summary.txt'), 'w') as f:
        f.write(report + '\n')


if __name__ == '__main__':
    main()
