"""Reading, summarising and plotting the runs of benchmark_accuracy.py."""
import glob
import json
import os
import os.path as osp
from typing import Optional

import numpy as np

from mmpose_trs.utils.networks import FG_MEAN, REPORTED
from mmpose_trs.utils.run_logs import read_scalars

METRIC = '/coco/AP'


def load_json(path: str):
    with open(path) as f:
        return json.load(f)


def run_file(root: str, seed: int, arm: str) -> str:
    """The ``run.json`` of ``arm`` at ``seed`` under a work or kept dir."""
    return osp.join(root, f'seed{seed}', arm, 'run.json')


def write_json(path: str, obj) -> None:
    """Write atomically (its folder made if absent): a crash never leaves a
    half-written result."""
    from mmpose_trs.utils.atomic_io import write_json as atomic_json
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    atomic_json(path, obj, indent=1)


def val_curve(work_dir: str, report: Optional[str] = None) -> list:
    """Validation points of the runs in ``work_dir`` (a resumed run's
    points after the interrupted one's, a step logged twice kept once, the
    newest): dicts with
    ``step``, ``ap`` and, for semi-supervised models, the AP of every
    network. ``ap`` is the network ``report``'s AP if given, else the mean
    of f and g (f's for a one-network model), or a plain model's AP."""
    points = {}
    for rec in read_scalars(work_dir, run=None):
        if 'coco/AP' in rec:
            points[rec['step']] = dict(step=rec['step'], ap=rec['coco/AP'])
            continue
        nets = {
            k[:-len(METRIC)]: v
            for k, v in rec.items() if k.endswith(METRIC)
        }
        if nets:
            key = report or (FG_MEAN if FG_MEAN in nets else 'f')
            points[rec['step']] = dict(step=rec['step'], ap=nets[key], **nets)
    return [points[k] for k in sorted(points)]


def target_curve(work_dir: str) -> list:
    """The lines of ``TargetAccuracyHook``'s file of every run in
    ``work_dir``, one per measured iteration (the newest if logged twice);
    empty without the hook."""
    lines = {}
    for path in sorted(
            glob.glob(osp.join(work_dir, '*', 'target_accuracy.jsonl'))):
        with open(path) as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    lines[rec['iter']] = rec
    return [lines[k] for k in sorted(lines)]


def iter_time(work_dir: str) -> float:
    """Mean training seconds per iteration logged by the newest run (the
    runner's ``time``: data + step, start-up and validation excluded)."""
    times = [
        r['time'] for r in read_scalars(work_dir, run=None) if 'loss' in r
    ]
    return float(np.mean(times)) if times else float('nan')


def mean_std(values) -> tuple:
    """``(mean, std)`` of ``values`` (std with ddof 1; one value: 0)."""
    v = np.asarray(values, dtype=float)
    return float(v.mean()), float(v.std(ddof=1)) if len(v) > 1 else 0.


def last_fifth_move(seeds: dict) -> Optional[float]:
    """How much the last fifth of the runs moved val AP: the mean over
    seeds of ``AP(end) - AP(at 4/5 of the steps)`` (the nearest validation
    at or before it); None when a run has a single point."""
    moves = []
    for run in seeds.values():
        curve = run['curve']
        if len(curve) < 2:
            return None
        at = 0.8 * curve[-1]['step']
        before = [p for p in curve if p['step'] <= at]
        moves.append(curve[-1]['ap'] - before[-1]['ap'])
    return float(np.mean(moves))


def last_fifth(seeds: dict, std: float) -> str:
    """:func:`last_fifth_move`, and whether it stays under one seed std
    (the lab's convergence rule; one seed: the move only; one point:
    '-')."""
    move = last_fifth_move(seeds)
    if move is None:
        return '-'
    if len(seeds) < 2:
        return f'{move:+.4f}'
    return f'{move:+.4f} ({"<" if abs(move) < std else ">="} std)'


def summarize(runs: dict, args, arms: dict) -> str:
    """Markdown: final AP per arm (mean +- std over seeds), per-network AP
    of the TRS arms, and the checks the benchmark is meant to answer."""
    final = {a: [r['curve'][-1]['ap'] for r in runs[a].values()] for a in runs}
    lines = [
        f'Burn-in {args.burn_in_iters} iterations (supervised, one per '
        f'network architecture), then {args.iters} iterations per arm; '
        f'seeds {args.seeds}; '
        'val AP of the final weights (TRS arms: mean of f and g).', '',
        '| arm | AP mean | std | per seed | last fifth | s/iter |',
        '|---|---|---|---|---|---|'
    ]
    for a, aps in final.items():
        mean, std = mean_std(aps)
        speed = np.mean([r['s_per_iter'] for r in runs[a].values()])
        seeds = ', '.join(f'{x:.4f}' for x in aps)
        lines.append(f'| {arms[a]["label"]} | {mean:.4f} | {std:.4f} | '
                     f'{seeds} | {last_fifth(runs[a], std)} | {speed:.2f} |')
    semi = [a for a in runs if arms[a]['semi']]
    if semi:
        nets = [
            n for n in REPORTED + ('s', )
            if any(n in r['curve'][-1] for a in semi for r in runs[a].values())
        ]
        lines += [
            '', '| arm | ' + ' | '.join(nets) + ' |',
            '|---|' + '---|' * len(nets)
        ]
        for a in semi:
            cells = []
            for n in nets:
                vals = [r['curve'][-1].get(n) for r in runs[a].values()]
                vals = [v for v in vals if v is not None]
                cells.append(f'{np.mean(vals):.4f}' if vals else '-')
            lines.append(f'| {arms[a]["label"]} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines + [''] + checks(final))


def compare(final: dict, arm: str, ref: str) -> tuple:
    """``mean(arm) - mean(ref)``, the pooled seed std and their ratio."""
    mean, std = mean_std(final[arm])
    ref_mean, ref_std = mean_std(final[ref])
    spread = float(np.sqrt((ref_std**2 + std**2) / 2))
    gain = mean - ref_mean
    # One seed each has no spread: the ratio is undefined, not infinite.
    return gain, spread, gain / spread if spread > 0 else float('nan')


def ab_checks(final: dict) -> list:
    """Each protocol A/B arm (``trs_*`` with one choice changed) against
    ``trs``: the difference in units of the pooled seed std, and the
    per-seed (paired: same burn-in) differences with their mean and std."""
    out = []
    for a in [
            a for a in final
            if a.startswith('trs_') and 'trs' in final and a not in (
                'trs_mfl', 'trs_mfl_km')
    ]:
        diff, spread, ratio = compare(final, a, 'trs')
        verdict = ('one seed: no spread to compare with' if np.isnan(ratio)
                   else 'better' if ratio > 2 else 'worse' if ratio < -2 else
                   'no measurable difference (within 2 pooled std)')
        paired = np.asarray(final[a]) - np.asarray(final['trs'])
        p_mean, p_std = mean_std(paired)
        same_sign = ('every seed ' +
                     ('higher' if p_mean > 0 else 'lower') if len(paired) > 1
                     and np.all(np.sign(paired) == np.sign(p_mean)) else
                     'mixed signs')
        out.append(f'- {a} - trs = {diff:+.4f} AP = {ratio:+.1f} x the '
                   f'pooled seed std ({spread:.4f}): {verdict}; paired '
                   f'per seed {", ".join(f"{d:+.4f}" for d in paired)} '
                   f'(mean {p_mean:+.4f} +- {p_std:.4f}, {same_sign})')
    return out


def checks(final: dict) -> list:
    """The expectations of the benchmark, each marked as met or not."""
    out = ab_checks(final)
    if 'supervised' not in final:
        return out
    for a in [a for a in final if a not in ('supervised', 'all_labels')]:
        gain, spread, ratio = compare(final, a, 'supervised')
        ok = ('one seed: undecided' if np.isnan(ratio) else 'yes' if gain > 2 *
              spread else 'NO')
        out.append(f'- {a} - supervised = {gain:+.4f} AP = {ratio:.1f} x '
                   f'the pooled seed std ({spread:.4f}); > 2x: {ok}')
    order = [a for a in ('supervised', 'dual', 'trs_mfl_km') if a in final]
    means = [mean_std(final[a])[0] for a in order]
    if len(order) == 3:
        ok = 'yes' if means[0] < means[1] < means[2] else 'NO'
        out.append(f'- Supervised < Dual < TRS (full): '
                   f'{" < ".join(f"{m:.4f}" for m in means)}: {ok}')
    return out


def plot_curves(runs: dict, args, arms: dict, path: str) -> None:
    """Val AP over iterations after the burn-in: mean line, +-std band."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for a, seeds in runs.items():
        curves = [r['curve'] for r in seeds.values()]
        if len(curves[0]) < 2:  # a test-time reading: one point
            continue
        steps = np.array([p['step'] for p in curves[0]]) + args.burn_in_iters
        aps = np.array([[p['ap'] for p in c] for c in curves])
        mean, std = aps.mean(0), aps.std(0, ddof=1) if len(aps) > 1 else 0
        ax.plot(steps, mean, marker='o', ms=3, label=arms[a]['label'])
        ax.fill_between(steps, mean - std, mean + std, alpha=0.15)
    ax.set_xlabel('iteration (burn-in included)')
    ax.set_ylabel('val AP (TRS: mean of f and g)')
    ax.set_title(f'Synthetic dataset, {len(args.seeds)} seeds (mean +- std)')
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
