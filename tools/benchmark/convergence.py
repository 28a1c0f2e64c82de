"""Did each arm converge? The labs' rule (tools/benchmark/geometry.py): the
last fifth of an arm's schedule moves its val AP, averaged over seeds, by
less than one seed std of its final AP."""
import glob
import os.path as osp
from typing import Dict, List

from .pairs import Lab, blocks
from .report import last_fifth, last_fifth_move, load_json, mean_std


def lab_runs(lab: Lab) -> Dict[str, Dict[int, dict]]:
    """``{arm: {seed: run}}`` of the finished runs of a lab's folder or
    blocks (``seed<N>/<arm>/run.json``; burn-ins left out). An arm kept in
    several blocks (:mod:`benchmark.pairs`: the runs of one machine each)
    gets one entry per block, never seeds of two machines in one: the first
    block's under the arm's name, a later one's as ``'<arm> (<folder>)'``."""
    runs = {}
    for block in blocks(lab):
        found = {}
        for path in sorted(
                glob.glob(osp.join(block, 'seed*', '*', 'run.json'))):
            arm = osp.basename(osp.dirname(path))
            seed = int(osp.basename(osp.dirname(osp.dirname(path)))[4:])
            if not arm.startswith('burn_in'):
                found.setdefault(arm, {})[seed] = load_json(path)
        for arm, seeds in found.items():
            key = arm if arm not in runs else \
                f'{arm} ({osp.basename(osp.normpath(block))})'
            runs[key] = seeds
    return runs


def breaks_rule(seeds: Dict[int, dict], std: float) -> bool:
    """Whether an arm of 2+ seeds moved val AP by a seed std or more over
    its last fifth (the rule of :func:`report.last_fifth`)."""
    move = last_fifth_move(seeds)
    return len(seeds) >= 2 and move is not None and abs(move) >= std


def convergence_table(labs: Dict[str, Lab]) -> str:
    """Markdown: per arm and lab, final val AP (mean +- std, seeds) and how
    much its last fifth moved it, against one seed std; then the arms that
    break the rule (``'<lab>: <arm>'``, or none). Each run is read once."""
    found = {lab: lab_runs(work) for lab, work in labs.items()}
    arms: List[str] = sorted({a for runs in found.values() for a in runs})
    lines = [
        '| arm | ' + ' | '.join(labs) + ' |', '|---|' + '---|' * len(labs)
    ]
    late = []
    for arm in arms:
        cells = []
        for lab in labs:
            seeds = found[lab].get(arm)
            if not seeds:
                cells.append('-')
                continue
            mean, std = mean_std(
                [r['curve'][-1]['ap'] for r in seeds.values()])
            spread = (f'{mean:.4f} +- {std:.4f} ({len(seeds)} seeds)'
                      if len(seeds) > 1 else f'{mean:.4f} (1 seed)')
            cells.append(f'{spread}; last fifth {last_fifth(seeds, std)}')
            if breaks_rule(seeds, std):
                late.append(f'{lab}: {arm}')
        lines.append(f'| `{arm}` | ' + ' | '.join(cells) + ' |')
    lines += [
        '', 'Not converged by the rule (the last fifth moved val AP by a '
        f'seed std or more): {", ".join(late) or "none"}'
    ]
    return '\n'.join(lines)
