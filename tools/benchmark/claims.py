"""The paper's claims against the labs: for each claim the arm and its
control (differing in the one thing the claim is about), the paired per-seed
difference of final val AP in each lab, a verdict, and the mechanism numbers
(the accuracy of the students' targets against the hidden keypoints,
``TargetAccuracyHook``) that explain it.

Verdict rule, per lab, on the seeds both arms finished (at least 3):
``holds`` when every paired difference is positive and their mean exceeds
twice its standard error; ``does not hold`` when every difference is
negative and the mean is below minus twice its standard error (the claim
reversed); otherwise ``cannot tell``. Fewer than 3 seeds: ``too few
seeds``; none: ``not run``.

A pair is a pair only when it starts alike: where arm and control start
from burn-ins of the same names (the same networks) but their val AP before
the first step differs, their burn-ins were trained apart (on machines whose
arithmetic differs) and that seed is left out of the difference and named
in the cell (:func:`unpaired_starts`).
"""
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .report import load_json, run_file

#: claim, paper evidence (COCO 1K, ResNet-18, val AP), arm, control
CLAIMS = [
    ('TRS > Dual', 'Table II: 50.9 vs 44.6', 'trs_mfl_km', 'dual'),
    ('reviewers add', 'Table VI: 50.9 vs 44.8 (MFL + KM without them)',
     'trs_mfl_km', 'trs_mfl_km_no_reviewers'),
    ('MFL adds (2 levels > 1)', 'Tables VI/VII: 50.9 vs 48.4', 'trs_mfl_km',
     'trs_km'),
    ('2 MFL levels > 3', 'Table VII: 50.9 vs 50.0', 'trs_mfl_km',
     'trs_mfl3_km'),
    ('Keypoint-Mix adds', 'Table VI: 50.9 vs 47.3 (reviewers + MFL)',
     'trs_mfl_km', 'trs_mfl'),
    ('KM > Joint Cutout', 'Table IX: 50.9 vs 49.6', 'trs_km', 'trs_jc'),
    ('KM > SSCO', 'Table IX: 50.9 vs 50.1', 'trs_km', 'trs_ssco'),
    ('KM > CutMix', 'Table IX: 50.9 vs 49.6', 'trs_km', 'trs_cutmix'),
    ('KM > Cutout', 'Table IX: 50.9 vs 47.4', 'trs_km', 'trs_cutout'),
    ('k = 5 > k = 3', 'Table VIII: 50.9 vs 50.2', 'trs_mfl_km',
     'trs_mfl_km_k3'),
    ('k = 5 > k = 7', 'Table VIII: 50.9 vs 50.0', 'trs_mfl_km',
     'trs_mfl_km_k7'),
    ('SSPCM > Dual (own augmentations)', 'Table II: 46.9 vs 44.6', 'sspcm',
     'dual'),
    ('SSPCM > Dual (both with Keypoint-Mix)', '-', 'sspcm_km', 'dual_km'),
    ('MultiAugs > Dual', 'Zhou et al.: 49.7 vs 44.6', 'multiaugs', 'dual'),
    ('PseudoPose > supervised', 'Table II: 37.2 vs 31.5', 'pseudopose',
     'supervised'),
    ('DataDistill > supervised', 'Table II: 37.6 vs 31.5', 'datadistill',
     'supervised'),
    ('TRS + multi-path > TRS', '- (no paper row)', 'trs_mfl_multipath',
     'trs_mfl_km'),
]

#: the two readings of MFL the paper leaves open (lab B; each against the
#: default, which differs from it in that reading only): unlabeled targets
#: for every student level from the guide's final level instead of level to
#: level, and test-time prediction from the mean of the levels instead of
#: the final level (a retest of the default's own weights)
MFL_READINGS = [
    ("MFL targets: every level from the guide's final level", '- (left open)',
     'trs_mfl_km_final_target', 'trs_mfl_km'),
    ('MFL test: mean of the levels', '- (left open)', 'trs_mfl_km_mean_test',
     'trs_mfl_km'),
]

#: keypoint-space targets (issue 26): SimCC students and a mixed pair
#: against each other and against the heatmap arms of the same lab run;
#: no paper has these rows
SIMCC_CLAIMS = [
    ('Dual helps a SimCC pair', '-', 'dual_simcc', 'supervised_simcc'),
    ('TRS helps a SimCC pair', '-', 'trs_simcc', 'supervised_simcc'),
    ('TRS > Dual, SimCC pairs', '-', 'trs_simcc', 'dual_simcc'),
    ('SimCC vs heatmap, supervised', '-', 'supervised_simcc', 'supervised'),
    ('SimCC vs heatmap, TRS', '-', 'trs_simcc', 'trs'),
    ('mixed pair vs heatmap pair, TRS', '-', 'trs_mixed', 'trs'),
    ('mixed pair vs SimCC pair, TRS', '-', 'trs_mixed', 'trs_simcc'),
    # one network of each pair (network g: SimCC in both; f: heatmap in both)
    ('SimCC g: heatmap teacher > SimCC teacher', '-', 'trs_mixed', 'trs_simcc',
     'g'),
    ('heatmap f: SimCC teacher vs heatmap teacher', '-', 'trs_mixed', 'trs',
     'f'),
]


def claim_arms() -> List[str]:
    """Every arm and control of :data:`CLAIMS`, each once, the supervised
    baselines first, then by the order of the claims."""
    arms = ['supervised', 'supervised_wd0.0001', 'supervised_wd0.001']
    for _, _, arm, control in CLAIMS:
        arms += [a for a in (arm, control) if a not in arms]
    return arms


def final_aps(work_dir: str,
              arm: str,
              network: str = 'ap') -> Dict[int, float]:
    """``{seed: final val AP}`` of the finished runs of ``arm``; ``network``
    picks a network's AP from the curve (``'f'``, ``'g'``, ``'ensemble'``;
    default the arm's reported AP), seeds without it left out."""
    out = {}
    for seed in range(100):
        path = run_file(work_dir, seed, arm)
        if osp.isfile(path):
            last = load_json(path)['curve'][-1]
            if network in last:
                out[seed] = last[network]
    return out


def _start(work_dir: str, seed: int, arm: str) -> Optional[tuple]:
    """``(burn-in names by network, val AP at step 0)`` of a finished run;
    None without a run or a record of its burn-ins."""
    path = run_file(work_dir, seed, arm)
    if not osp.isfile(path):
        return None
    run = load_json(path)
    first = run['curve'][0]
    if 'burn_ins' not in run or first.get('step') != 0:
        return None
    return tuple(sorted(run['burn_ins'].items())), first['ap']


def unpaired_starts(work_dir: str, arm: str, control: str) -> List[int]:
    """Seeds whose arm and control start from burn-ins of the same names
    yet evaluate differently before their first step (the module's
    docstring): their weights differ, so they are no pair."""
    seeds = []
    for seed in range(100):
        a, c = _start(work_dir, seed, arm), _start(work_dir, seed, control)
        if a and c and a[0] == c[0] and abs(a[1] - c[1]) > 1e-9:
            seeds.append(seed)
    return seeds


def retest_diffs(work_dir: str, arm: str, control: str,
                 network: str) -> Dict[int, float]:
    """``{seed: AP(arm) - AP(source)}`` of the runs of ``arm`` that retest
    ``control``'s weights and record the source run's final point
    (``source``): the exact pair, whatever run of ``control`` is kept."""
    out = {}
    for seed in range(100):
        path = run_file(work_dir, seed, arm)
        if not osp.isfile(path):
            continue
        run = load_json(path)
        last, src = run['curve'][-1], run.get('source', {})
        if run.get('retest_of') == control and network in last and (network
                                                                    in src):
            out[seed] = last[network] - src[network]
    return out


def _pairs(work_dir: str, arm: str, control: str,
           network: str) -> Tuple[Dict[int, float], List[int]]:
    """:func:`paired`'s differences and the :func:`unpaired_starts` left
    out of them; a retest's own source (:func:`retest_diffs`) before the
    kept control."""
    a = final_aps(work_dir, arm, network)
    c = final_aps(work_dir, control, network)
    apart = unpaired_starts(work_dir, arm, control)
    diffs = {s: a[s] - c[s] for s in sorted(set(a) & set(c)) if s not in apart}
    diffs.update(retest_diffs(work_dir, arm, control, network))
    return dict(sorted(diffs.items())), apart


def paired(work_dir: str,
           arm: str,
           control: str,
           network: str = 'ap') -> Dict[int, float]:
    """Per-seed ``AP(arm) - AP(control)`` on the seeds both finished (of
    one ``network`` of each, as :func:`final_aps`), less the
    :func:`unpaired_starts`."""
    return _pairs(work_dir, arm, control, network)[0]


def verdict(diffs: List[float]) -> str:
    """The rule of this module's docstring."""
    if not diffs:
        return 'not run'
    if len(diffs) < 3:
        return f'too few seeds ({len(diffs)} of 3)'
    d = np.asarray(diffs)
    mean, se = d.mean(), d.std(ddof=1) / np.sqrt(len(d))
    if np.all(d > 0) and mean > 2 * se:
        return 'holds'
    if np.all(d < 0) and mean < -2 * se:
        return 'does not hold'
    return 'cannot tell'


def target_pck(work_dir: str,
               arm: str,
               role: str = 'teacher',
               last: int = 3,
               student: Optional[str] = None) -> Optional[float]:
    """Mean PCK@0.05 (all labeled keypoints) of ``role``'s targets over the
    students (or of ``student``'s only), the last ``last`` measurements and
    the seeds of ``arm``; None without measurements."""
    values = []
    for seed in range(100):
        path = run_file(work_dir, seed, arm)
        if not osp.isfile(path):
            continue
        for step in load_json(path).get('targets', [])[-last:]:
            values += [
                roles[role]['pck_all']
                for name, roles in step['targets'].items()
                if role in roles and 'pck_all' in roles[role] and (
                    student is None or name == student)
            ]
    return float(np.mean(values)) if values else None


def _cell(work_dir: str, arm: str, control: str, network: str = 'ap') -> str:
    """One lab's cell: the paired difference, its spread, the seeds and
    the verdict, and the seeds left out for unpaired starts."""
    diffs, apart = _pairs(work_dir, arm, control, network)
    note = (f' [seeds {",".join(map(str, apart))} left out: burn-ins '
            'trained apart]' if apart else '')
    if not diffs:
        return ('not run' if not apart else 'no paired seeds') + note
    d = np.asarray(list(diffs.values()))
    spread = d.std(ddof=1) if len(d) > 1 else float('nan')
    return (f'{d.mean():+.4f} +- {spread:.4f} (seeds '
            f'{",".join(map(str, diffs))}: '
            f'{", ".join(f"{x:+.4f}" for x in d)}): {verdict(list(d))}' + note)


def _mechanism(labs: Dict[str, str],
               arm: str,
               control: str,
               student: Optional[str] = None) -> str:
    """Teacher-target PCK of arm vs control (and the arm's reviewer
    targets), per lab; of ``student``'s targets only if given."""
    parts = []
    for lab, work in labs.items():
        a = target_pck(work, arm, student=student)
        c = target_pck(work, control, student=student)
        r = target_pck(work, arm, 'reviewer', student=student)
        if a is None and c is None:
            continue
        text = (f'{lab}: teacher PCK {a:.3f}'
                if a is not None else f'{lab}: -')
        text += f' vs {c:.3f}' if c is not None else ''
        text += f', reviewer {r:.3f}' if r is not None else ''
        parts.append(text)
    return '; '.join(parts) or '-'


#: the supervised baseline's weight decay choices (the protocol's: none)
SUPERVISED = (('none (protocol)', 'supervised'),
              ('1e-4', 'supervised_wd0.0001'), ('1e-3', 'supervised_wd0.001'))


def supervised_table(labs: Dict[str, str]) -> str:
    """Markdown: the supervised baseline per weight decay and lab (mean +-
    std of final val AP over seeds), the one chosen on val, and its paired
    difference to the protocol's setting."""
    lines = [
        '| weight decay | ' + ' | '.join(labs) + ' |',
        '|---|' + '---|' * len(labs)
    ]
    means = {lab: {} for lab in labs}
    for label, arm in SUPERVISED:
        cells = []
        for lab, work in labs.items():
            aps = list(final_aps(work, arm).values())
            if not aps:
                cells.append('not run')
                continue
            means[lab][arm] = float(np.mean(aps))
            spread = np.std(aps, ddof=1) if len(aps) > 1 else float('nan')
            cells.append(f'{np.mean(aps):.4f} +- {spread:.4f} '
                         f'({len(aps)} seeds)')
        lines.append(f'| {label} | ' + ' | '.join(cells) + ' |')
    chosen = []
    for lab, work in labs.items():
        if not means[lab]:
            chosen.append('-')
            continue
        best = max(means[lab], key=means[lab].get)
        chosen.append(f'`{best}`: {_cell(work, best, "supervised")}' if best !=
                      'supervised' else '`supervised`')
    lines.append('| chosen on val (vs none) | ' + ' | '.join(chosen) + ' |')
    return '\n'.join(lines)


def claims_table(labs: Dict[str, str], rows: Sequence = CLAIMS) -> str:
    """Markdown: claim | paper | one column per lab | mechanism.

    Args:
        labs (dict): ``{'lab A': work_dir, 'lab B': work_dir}``.
        rows (sequence): ``(claim, paper, arm, control[, network])``
            tuples (``network``: compare that network's AP, e.g. ``'g'``,
            instead of the arm's); default :data:`CLAIMS`.
    """
    head = ['claim (arm vs control)', 'paper', *labs, 'target PCK@0.05']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for claim, paper, arm, control, *network in rows:
        key = network[0] if network else 'ap'
        cells = [_cell(w, arm, control, key) for w in labs.values()]
        which = f' {key}' if network else ''
        lines.append(f'| {claim} (`{arm}`{which} vs `{control}`{which}) | '
                     f'{paper} | ' + ' | '.join(cells) +
                     f' | {_mechanism(labs, arm, control, *network)} |')
    return '\n'.join(lines)


def networks_table(work_dir: str, arms: Sequence[str]) -> str:
    """Markdown: final val AP (mean +- std over seeds) of each network of
    each arm: the arm's reported AP, f, g and their ensemble."""
    keys = ('ap', 'f', 'g', 'ensemble')
    lines = [
        '| arm | seeds | ' + ' | '.join(keys) + ' |',
        '|---|---|' + '---|' * len(keys)
    ]
    for arm in arms:
        cells, seeds = [], final_aps(work_dir, arm)
        if not seeds:
            continue
        for key in keys:
            aps = list(final_aps(work_dir, arm, key).values())
            spread = np.std(aps, ddof=1) if len(aps) > 1 else float('nan')
            cells.append(f'{np.mean(aps):.4f} +- {spread:.4f}' if aps else '-')
        lines.append(f'| `{arm}` | {len(seeds)} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)
