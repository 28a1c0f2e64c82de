"""The claims table: paired per-seed differences, the verdict rule, the
mechanism numbers read from the runs' target measurements."""
import json

import pytest
from benchmark import claims, pairs
from benchmark.arms import ARMS


def write_run(root, seed, arm, ap, pck=None, start=0., burn_ins=None):
    path = root / f'seed{seed}' / arm
    path.mkdir(parents=True, exist_ok=True)
    targets = [] if pck is None else [
        dict(
            iter=50,
            targets={
                s: dict(teacher=dict(pck_all=pck), reviewer=dict(pck_all=0.9))
                for s in ('f', 'g')
            })
    ]
    run = dict(
        curve=[dict(step=0, ap=start),
               dict(step=9, ap=ap)], targets=targets)
    if burn_ins is not None:
        run['burn_ins'] = burn_ins
    (path / 'run.json').write_text(json.dumps(run))


@pytest.mark.parametrize(
    'diffs, expected',
    [
        ([0.02, 0.03, 0.025], 'holds'),
        ([-0.02, -0.03, -0.025], 'does not hold'),
        ([0.05, -0.01, 0.02], 'cannot tell'),
        ([0.001, 0.2, 0.001], 'cannot tell'),  # positive, but mean < 2 se
        ([0.02, 0.03], 'too few seeds (2 of 3)'),
        ([], 'not run'),
    ])
def test_verdict_rule(diffs, expected):
    assert claims.verdict(diffs) == expected


def test_every_claim_names_two_arms_of_the_lab():
    for claim, _, arm, control in claims.CLAIMS:
        assert arm in ARMS and control in ARMS and arm != control, claim


def test_table_pairs_seeds_and_reads_mechanisms(tmp_path):
    lab = tmp_path / 'a'
    for seed, (full, dual) in enumerate([(0.30, 0.25), (0.32, 0.26),
                                         (0.31, 0.27)]):
        write_run(lab, seed, 'trs_mfl_km', full, pck=0.6)
        write_run(lab, seed, 'dual', dual, pck=0.5)
    write_run(lab, 3, 'trs_mfl_km', 0.9)  # no paired control: left out
    assert pairs.paired(str(lab), 'trs_mfl_km', 'dual') == pytest.approx({
        0:
        0.05,
        1:
        0.06,
        2:
        0.04
    })
    table = claims.claims_table({'lab A': str(lab), 'lab B': str(tmp_path)})
    row = next(r for r in table.splitlines() if r.startswith('| TRS > Dual'))
    cells = [c.strip() for c in row.split('|')[1:-1]]
    assert cells[1] == 'Table II: 50.9 vs 44.6'
    assert cells[2].startswith('+0.0500 +- 0.0100 (seeds 0,1,2:')
    assert cells[2].endswith(': holds')
    assert cells[3] == 'not run'
    assert cells[4] == 'lab A: teacher PCK 0.600 vs 0.500, reviewer 0.900'


def test_claim_arms_cover_every_claim_once():
    arms = claims.claim_arms()
    assert len(arms) == len(set(arms))
    assert arms[:3] == [
        'supervised', 'supervised_wd0.0001', 'supervised_wd0.001'
    ]
    assert {a for c in claims.CLAIMS for a in c[2:]} <= set(arms)


def test_supervised_table_reports_the_choice_beside_the_protocol(tmp_path):
    lab = tmp_path / 'a'
    for seed in range(3):
        write_run(lab, seed, 'supervised', 0.08 + 0.001 * seed)
        write_run(lab, seed, 'supervised_wd0.0001', 0.11 + 0.002 * seed)
        write_run(lab, seed, 'supervised_wd0.001', 0.10)
    table = claims.supervised_table({
        'lab A': str(lab),
        'lab B': str(lab / 'b')
    })
    rows = table.splitlines()
    assert rows[2].startswith('| none (protocol) | 0.0810 +- 0.0010 (3 seeds)')
    assert rows[2].endswith('| not run |')
    chosen = rows[-1]
    assert '`supervised_wd0.0001`: +0.0310 +- 0.0010' in chosen
    assert chosen.split('|')[2].strip().endswith(': holds')


def test_mfl_readings_pair_a_retest_with_its_source(tmp_path):
    """A retest (one point, no step 0 and no burn-ins: the source's own
    weights) pairs with its source on every seed."""
    for _, _, arm, control in claims.MFL_READINGS:
        assert arm in ARMS and control == 'trs_mfl_km'
    lab = tmp_path / 'b'
    for seed, (full, mean) in enumerate([(0.30, 0.31), (0.32, 0.34),
                                         (0.31, 0.325)]):
        write_run(lab, seed, 'trs_mfl_km', full, pck=0.6)
        path = lab / f'seed{seed}' / 'trs_mfl_km_mean_test'
        path.mkdir(parents=True)
        (path / 'run.json').write_text(
            json.dumps(dict(curve=[dict(step=9, ap=mean)])))
    table = claims.claims_table({'lab B': str(lab)}, claims.MFL_READINGS)
    row = next(r for r in table.splitlines() if 'mean of the levels' in r)
    cells = [c.strip() for c in row.split('|')[1:-1]]
    assert cells[2] == ('+0.0150 +- 0.0050 (seeds 0,1,2: +0.0100, +0.0200, '
                        '+0.0150): holds')
    assert cells[3] == 'lab B: - vs 0.600'
    row = next(r for r in table.splitlines() if 'final level' in r)
    assert row.split('|')[3].strip() == 'not run'
    # the control's targets alone are no mechanism of an unrun claim
    assert row.split('|')[4].strip() == '-'
    # a retest that records its source pairs with that run, not the kept
    # control (trained elsewhere): seed 1's source ended at 0.35
    (lab / 'seed1' / 'trs_mfl_km_mean_test' / 'run.json').write_text(
        json.dumps(
            dict(
                curve=[dict(step=9, ap=0.34)],
                retest_of='trs_mfl_km',
                source=dict(step=9, ap=0.35))))
    assert pairs.paired(str(lab), 'trs_mfl_km_mean_test',
                        'trs_mfl_km') == pytest.approx({
                            0: 0.01,
                            1: -0.01,
                            2: 0.015
                        })


def test_simcc_rows_name_arms_of_the_lab():
    for claim, _, arm, control, *network in claims.SIMCC_CLAIMS:
        assert arm in ARMS and control in ARMS and arm != control, claim
        assert network in ([], ['f'], ['g']), claim


def test_networks_table_reads_each_network(tmp_path):
    for seed, (f, g) in enumerate([(0.20, 0.10), (0.22, 0.12), (0.24, 0.14)]):
        path = tmp_path / f'seed{seed}' / 'trs_mixed'
        path.mkdir(parents=True)
        (path / 'run.json').write_text(
            json.dumps(dict(curve=[dict(step=9, ap=(f + g) / 2, f=f, g=g)])))
    write_run(tmp_path, 0, 'supervised_simcc', 0.05)
    table = claims.networks_table(
        str(tmp_path), ['trs_mixed', 'supervised_simcc', 'trs_simcc'])
    rows = table.splitlines()
    assert len(rows) == 4  # head, rule, two arms with runs
    assert rows[2] == ('| `trs_mixed` | 3 | 0.1700 +- 0.0200 | '
                       '0.2200 +- 0.0200 | 0.1200 +- 0.0200 | - |')
    assert rows[3] == '| `supervised_simcc` | 1 | 0.0500 +- nan | - | - | - |'
    simcc = claims.claims_table({'lab A': str(tmp_path)}, claims.SIMCC_CLAIMS)
    assert '| TRS > Dual, SimCC pairs (`trs_simcc` vs `dual_simcc`) | - | '\
        'not run |' in simcc
    # a row on one network pairs that network's AP
    for seed, g in enumerate([0.05, 0.06, 0.08]):
        path = tmp_path / f'seed{seed}' / 'trs_simcc'
        path.mkdir(parents=True)
        (path / 'run.json').write_text(
            json.dumps(dict(curve=[dict(step=9, ap=0.5, f=0.5, g=g)])))
    assert pairs.paired(str(tmp_path), 'trs_mixed', 'trs_simcc',
                        'g') == pytest.approx({
                            0: 0.05,
                            1: 0.06,
                            2: 0.06
                        })
    row = next(
        r for r in claims.claims_table({
            'lab A': str(tmp_path)
        }, claims.SIMCC_CLAIMS).splitlines() if r.startswith('| SimCC g:'))
    assert '(`trs_mixed` g vs `trs_simcc` g) | - | +0.0567 +- 0.0058' in row


def test_target_pck_of_one_student(tmp_path):
    path = tmp_path / 'seed0' / 'trs_mixed'
    path.mkdir(parents=True)
    targets = dict(
        f=dict(teacher=dict(pck_all=0.3)), g=dict(teacher=dict(pck_all=0.1)))
    (path / 'run.json').write_text(
        json.dumps(
            dict(
                curve=[dict(step=9, ap=0.1)],
                targets=[dict(iter=9, targets=targets)])))
    work = str(tmp_path)
    assert claims.target_pck(work, 'trs_mixed') == pytest.approx(0.2)
    assert claims.target_pck(work, 'trs_mixed', student='g') == \
        pytest.approx(0.1)
    assert claims.target_pck(work, 'trs_mixed', 'reviewer') is None


def test_seeds_whose_alike_burn_ins_evaluate_apart_are_no_pair(tmp_path):
    """Same burn-in names, different val AP before the first step: the
    burn-ins were trained apart, so that seed is left out and named."""
    lab = tmp_path / 'a'
    plain = dict(f='burn_in_x')
    for seed, start_c in enumerate([0.20, 0.23, 0.20, 0.20]):
        write_run(
            lab, seed, 'supervised_wd0.0001', 0.30, start=0.20, burn_ins=plain)
        write_run(
            lab,
            seed,
            'supervised',
            0.25 - 0.01 * seed,
            start=start_c,
            burn_ins=plain)
    # another network's burn-in starts elsewhere by design: still a pair
    write_run(lab, 0, 'dual', 0.2, start=0.5, burn_ins=dict(f='y', g='y'))
    assert pairs.unpaired_starts(
        str(lab), 'supervised_wd0.0001', 'supervised') == [1]
    assert pairs.unpaired_starts(str(lab), 'dual', 'supervised') == []
    assert pairs.paired(str(lab), 'supervised_wd0.0001',
                        'supervised') == pytest.approx({
                            0: 0.05,
                            2: 0.07,
                            3: 0.08
                        })
    chosen = claims.supervised_table({'lab A': str(lab)}).splitlines()[-1]
    assert '(seeds 0,2,3: +0.0500, +0.0700, +0.0800): holds' in chosen
    assert chosen.endswith('[seeds 1 left out: trained apart] |')


def test_the_command_prints_and_writes_every_table(tmp_path, capsys):
    import benchmark_claims
    lab = tmp_path / 'a'
    for seed, (full, dual) in enumerate([(0.30, 0.25), (0.32, 0.26),
                                         (0.31, 0.27)]):
        write_run(lab, seed, 'trs_mfl_km', full)
        write_run(lab, seed, 'dual', dual)
    out = tmp_path / 'claims.md'
    benchmark_claims.main(
        ['--lab-a',
         str(lab), '--lab-b',
         str(tmp_path / 'b'), '-o',
         str(out)])
    text = out.read_text()
    assert text == capsys.readouterr().out
    assert '| none (protocol) | not run | not run |' in text
    assert '| MFL test: mean of the levels (`trs_mfl_km_mean_test` vs ' in text
    assert '(seeds 0,1,2: +0.0500, +0.0600, +0.0400): holds' in text
    # two points per run: the last fifth is the whole run, e.g. dual's
    # 0.26 - 0 against its std 0.01
    assert '| `dual` | 0.2600 +- 0.0100 (3 seeds); last fifth +0.2600 ' \
        '(>= std) | - |' in text
    assert text.rstrip().endswith('or more): lab A: dual, lab A: trs_mfl_km')


def test_two_stage_arms_show_their_pseudo_labels_ap(tmp_path):
    lab = tmp_path / 'a'
    for seed, (ap, labels) in enumerate([(0.09, 0.06), (0.10, 0.07),
                                         (0.08, 0.08)]):
        write_run(lab, seed, 'supervised', ap - 0.01)
        write_run(lab, seed, 'pseudopose', ap)
        path = lab / f'seed{seed}' / 'pseudopose' / 'run.json'
        run = json.loads(path.read_text())
        run['pseudo_labels'] = dict(ap=labels, ap50=0.3)
        path.write_text(json.dumps(run))
    row = next(
        r for r in claims.claims_table({
            'lab A': str(lab)
        }).splitlines() if r.startswith('| PseudoPose'))
    assert row.split('|')[-2].strip() == "lab A: pseudo-labels' AP 0.070"
    assert claims.label_ap(str(lab), 'supervised') is None


def test_unanswered_arms_name_each_claim_without_a_verdict(tmp_path, capsys):
    lab = tmp_path / 'b'
    for seed in range(3):  # TRS > Dual answered on 3 seeds
        write_run(lab, seed, 'trs_mfl_km', 0.3 + seed / 100)
        write_run(lab, seed, 'dual', 0.25)
    write_run(lab, 0, 'trs_km', 0.3)  # MFL's control: 1 seed is no verdict
    arms = claims.unanswered_arms(str(lab))
    # every claim but the first (answered), its arm and control once each
    assert claims.CLAIMS[0][2:] == ('trs_mfl_km', 'dual')
    expected = []
    for _, _, arm, control in claims.CLAIMS[1:]:
        expected += [a for a in (arm, control) if a not in expected]
    assert arms == expected
    assert arms[:3] == ['trs_mfl_km', 'trs_mfl_km_no_reviewers', 'trs_km']
    # what benchmark_claims.py --unanswered prints, for --arms
    from benchmark_claims import main
    main(['--lab-b', str(lab), '--unanswered', 'b'])
    assert capsys.readouterr().out.split() == arms
    for seed in range(3):  # every claim answered: nothing left to train
        for arm in arms:
            write_run(lab, seed, arm, 0.3)
    assert claims.unanswered_arms(str(lab)) == []
