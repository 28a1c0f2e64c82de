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

Which seeds pair, and across which blocks of a lab, is
:mod:`benchmark.pairs`'s (a seed whose runs were trained apart is left out
and named in the cell).
"""
import os.path as osp
from typing import Dict, List, Optional, Sequence

import numpy as np

from .pairs import Lab, final_aps, pairs, run_files
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


#: the paired seeds a verdict needs
VERDICT_SEEDS = 3


def unanswered_arms(lab: Lab, rows: Sequence = CLAIMS) -> List[str]:
    """The arm and control of every claim in ``rows`` that ``lab`` has no
    verdict on (fewer than :data:`VERDICT_SEEDS` paired seeds), each once,
    by the order of the claims: what to train next, in one block, so that
    each pair is trained on one machine."""
    arms = []
    for _, _, arm, control, *_ in rows:
        if len(pairs(lab, arm, control)[0]) < VERDICT_SEEDS:
            arms += [a for a in (arm, control) if a not in arms]
    return arms


def verdict(diffs: List[float]) -> str:
    """The rule of this module's docstring."""
    if not diffs:
        return 'not run'
    if len(diffs) < VERDICT_SEEDS:
        return f'too few seeds ({len(diffs)} of {VERDICT_SEEDS})'
    d = np.asarray(diffs)
    mean, se = d.mean(), d.std(ddof=1) / np.sqrt(len(d))
    if np.all(d > 0) and mean > 2 * se:
        return 'holds'
    if np.all(d < 0) and mean < -2 * se:
        return 'does not hold'
    return 'cannot tell'


def target_pck(lab: Lab,
               arm: str,
               role: str = 'teacher',
               last: int = 3,
               student: Optional[str] = None,
               where: Optional[Dict[int, str]] = None) -> Optional[float]:
    """Mean PCK@0.05 (all labeled keypoints) of ``role``'s targets over the
    students (or of ``student``'s only), the last ``last`` measurements and
    the seeds of ``arm`` (those of ``where``, ``{seed: block}``, if given:
    a pair's); None without measurements."""
    files = ({
        s: run_file(b, s, arm)
        for s, b in where.items()
    } if where else run_files(lab, arm))
    values = []
    for path in files.values():
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


def label_ap(lab: Lab,
             arm: str,
             where: Optional[Dict[int, str]] = None) -> Optional[float]:
    """Mean COCO AP of a two-stage arm's pseudo-labels against the hidden
    truth (run.json ``pseudo_labels``) over its seeds (those of ``where``
    if given); None without the record."""
    files = ({
        s: run_file(b, s, arm)
        for s, b in where.items()
    } if where else run_files(lab, arm))
    values = [
        load_json(p)['pseudo_labels']['ap'] for p in files.values()
        if osp.isfile(p) and 'pseudo_labels' in load_json(p)
    ]
    return float(np.mean(values)) if values else None


def _cell(found: tuple) -> str:
    """One lab's cell from :func:`pairs.pairs`'s answer: the paired
    difference, its spread, the seeds and the verdict, and the seeds left
    out for runs trained apart."""
    diffs, apart = found[:2]
    note = (f' [seeds {",".join(map(str, apart))} left out: trained '
            'apart]' if apart else '')
    if not diffs:
        return ('not run' if not apart else 'no paired seeds') + note
    d = np.asarray(list(diffs.values()))
    spread = d.std(ddof=1) if len(d) > 1 else float('nan')
    return (f'{d.mean():+.4f} +- {spread:.4f} (seeds '
            f'{",".join(map(str, diffs))}: '
            f'{", ".join(f"{x:+.4f}" for x in d)}): {verdict(list(d))}' + note)


def _mechanism(labs: Dict[str, Lab],
               found: Dict[str, tuple],
               arm: str,
               control: str,
               student: Optional[str] = None) -> str:
    """Teacher-target PCK of arm vs control (and the arm's reviewer
    targets), per lab, on the seeds and blocks of its pairs (``found``:
    :func:`pairs.pairs`'s answer per lab); of ``student``'s targets only
    if given. A lab with no paired seed has no mechanism number."""
    parts = []
    for lab, work in labs.items():
        if not found[lab][0]:
            continue
        where = found[lab][2] or None
        a = target_pck(work, arm, student=student, where=where)
        c = target_pck(work, control, student=student, where=where)
        r = target_pck(work, arm, 'reviewer', student=student, where=where)
        labels = label_ap(work, arm, where)
        if labels is not None:
            parts.append(f"{lab}: pseudo-labels' AP {labels:.3f}")
            continue
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


def supervised_table(labs: Dict[str, Lab]) -> str:
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
        cell = _cell(pairs(work, best, 'supervised'))
        chosen.append(f'`{best}`: {cell}' if best !=
                      'supervised' else '`supervised`')
    lines.append('| chosen on val (vs none) | ' + ' | '.join(chosen) + ' |')
    return '\n'.join(lines)


def claims_table(labs: Dict[str, Lab], rows: Sequence = CLAIMS) -> str:
    """Markdown: claim | paper | one column per lab | mechanism.

    Args:
        labs (dict): ``{'lab A': lab, 'lab B': lab}``, each a folder of
            runs or a list of blocks (:mod:`benchmark.pairs`).
        rows (sequence): ``(claim, paper, arm, control[, network])``
            tuples (``network``: compare that network's AP, e.g. ``'g'``,
            instead of the arm's); default :data:`CLAIMS`.
    """
    head = ['claim (arm vs control)', 'paper', *labs, 'target PCK@0.05']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for claim, paper, arm, control, *network in rows:
        key = network[0] if network else 'ap'
        found = {lab: pairs(w, arm, control, key) for lab, w in labs.items()}
        cells = [_cell(f) for f in found.values()]
        which = f' {key}' if network else ''
        mechanism = _mechanism(labs, found, arm, control, *network)
        lines.append(f'| {claim} (`{arm}`{which} vs `{control}`{which}) | '
                     f'{paper} | ' + ' | '.join(cells) + f' | {mechanism} |')
    return '\n'.join(lines)


def networks_table(work_dir: Lab, arms: Sequence[str]) -> str:
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
