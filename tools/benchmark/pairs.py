"""Which runs of a lab pair with which: the per-seed differences of an arm
and its control, and the seeds that are no pair.

A lab is one folder of runs (``seed<N>/<arm>/run.json``) or a list of such
folders, its *blocks*: each block holds runs trained on one machine, from
burn-ins trained there (docs/benchmark_runs/lab_b_m2/README.md). A pair is
taken, seed by seed, from the first block that holds both its arm and its
control, never one run from each of two blocks. Of a seed's run of one arm
the first block's is read (:func:`run_files`).

A pair is a pair only when it starts alike: where arm and control start
from burn-ins of the same names (the same networks) but their val AP before
the first step differs, their burn-ins were trained apart (on machines whose
arithmetic differs); where both runs record their machine
(``runs.machine``) and the machines differ, likewise. Such a seed is left
out of its block's difference and named (:func:`unpaired_starts`).
"""
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple, Union

from .report import load_json, run_file

#: a lab: one folder of runs, or its blocks, first first
Lab = Union[str, Sequence[str]]
#: seeds looked for in a folder of runs
SEEDS = range(100)


def blocks(lab: Lab) -> List[str]:
    """The blocks of ``lab``, in order (one for a single folder)."""
    return [lab] if isinstance(lab, str) else list(lab)


def run_files(lab: Lab, arm: str) -> Dict[int, str]:
    """``{seed: run.json path}`` of ``arm``'s finished runs, each seed's
    from the first block that holds it."""
    out = {}
    for block in blocks(lab):
        for seed in SEEDS:
            path = run_file(block, seed, arm)
            if seed not in out and osp.isfile(path):
                out[seed] = path
    return dict(sorted(out.items()))


def final_aps(lab: Lab, arm: str, network: str = 'ap') -> Dict[int, float]:
    """``{seed: final val AP}`` of the finished runs of ``arm``; ``network``
    picks a network's AP from the curve (``'f'``, ``'g'``, ``'ensemble'``;
    default the arm's reported AP), seeds without it left out."""
    out = {}
    for seed, path in run_files(lab, arm).items():
        last = load_json(path)['curve'][-1]
        if network in last:
            out[seed] = last[network]
    return out


def _start(block: str, seed: int, arm: str) -> Optional[tuple]:
    """``(burn-in names by network, val AP at step 0, machine or None)`` of
    a finished run; None without a run or a record of its burn-ins."""
    path = run_file(block, seed, arm)
    if not osp.isfile(path):
        return None
    run = load_json(path)
    first = run['curve'][0]
    if 'burn_ins' not in run or first.get('step') != 0:
        return None
    return (tuple(sorted(run['burn_ins'].items())), first['ap'],
            run.get('machine'))


def _apart(a: tuple, c: tuple) -> bool:
    """Whether two runs' starts (:func:`_start`) show other weights or
    another machine."""
    if a[0] == c[0] and abs(a[1] - c[1]) > 1e-9:
        return True
    return a[2] is not None and c[2] is not None and a[2] != c[2]


def unpaired_starts(block: str, arm: str, control: str) -> List[int]:
    """Seeds of one block whose arm and control were trained apart (the
    module's docstring): their starts differ, so they are no pair."""
    seeds = []
    for seed in SEEDS:
        a, c = _start(block, seed, arm), _start(block, seed, control)
        if a and c and _apart(a, c):
            seeds.append(seed)
    return seeds


def retest_diffs(block: str, arm: str, control: str,
                 network: str) -> Dict[int, float]:
    """``{seed: AP(arm) - AP(source)}`` of the runs of ``arm`` in one block
    that retest ``control``'s weights and record the source run's final
    point (``source``): the exact pair, whatever run of ``control`` is
    kept."""
    out = {}
    for seed, path in run_files(block, arm).items():
        run = load_json(path)
        last, src = run['curve'][-1], run.get('source', {})
        if run.get('retest_of') == control and network in last and (network
                                                                    in src):
            out[seed] = last[network] - src[network]
    return out


def block_pairs(block: str, arm: str, control: str,
                network: str) -> Tuple[Dict[int, float], List[int]]:
    """One block's per-seed differences and the :func:`unpaired_starts`
    left out of them; a retest's own source (:func:`retest_diffs`) before
    the kept control."""
    a = final_aps(block, arm, network)
    c = final_aps(block, control, network)
    apart = unpaired_starts(block, arm, control)
    diffs = {s: a[s] - c[s] for s in set(a) & set(c) if s not in apart}
    diffs.update(retest_diffs(block, arm, control, network))
    return dict(sorted(diffs.items())), apart


def pairs(lab: Lab,
          arm: str,
          control: str,
          network: str = 'ap'
          ) -> Tuple[Dict[int, float], List[int], Dict[int, str]]:
    """``(differences, seeds left out, {seed: block})``: each seed's pair
    from the first block that pairs it (:func:`block_pairs`); a seed left
    out is one no block pairs but some block left out."""
    diffs, where, apart = {}, {}, set()
    for block in blocks(lab):
        found, left = block_pairs(block, arm, control, network)
        apart.update(left)
        for seed, diff in found.items():
            if seed not in diffs:
                diffs[seed], where[seed] = diff, block
    return (dict(sorted(diffs.items())), sorted(apart - set(diffs)),
            dict(sorted(where.items())))


def paired(lab: Lab,
           arm: str,
           control: str,
           network: str = 'ap') -> Dict[int, float]:
    """Per-seed ``AP(arm) - AP(control)`` on the seeds both finished in
    one block (of one ``network`` of each, as :func:`final_aps`), less the
    :func:`unpaired_starts`."""
    return pairs(lab, arm, control, network)[0]
