"""A lab as blocks (the runs of one machine each): a pair comes from one
block, never one run from each of two; runs that record other machines are
no pair; the mechanism numbers and the convergence table read the blocks."""
import json

import pytest
from benchmark import claims, pairs
from benchmark.convergence import lab_runs

CPU_1 = dict(cpu='Xeon', isa='AVX512', torch='2.13.0+cpu')
CPU_2 = dict(cpu='EPYC', isa='AVX2', torch='2.13.0+cpu')


def write_run(root,
              seed,
              arm,
              ap,
              start=0.2,
              burn_in='b',
              machine=None,
              pck=None):
    path = root / f'seed{seed}' / arm
    path.mkdir(parents=True, exist_ok=True)
    run = dict(
        curve=[dict(step=0, ap=start),
               dict(step=9, ap=ap)],
        burn_ins=dict(f=burn_in, g=burn_in))
    if machine is not None:
        run['machine'] = machine
    if pck is not None:
        run['targets'] = [
            dict(iter=9, targets={'f': dict(teacher=dict(pck_all=pck))})
        ]
    (path / 'run.json').write_text(json.dumps(run))


def two_blocks(tmp_path):
    """Block 1: the default and Dual (seeds 0-2) and the default alone at
    seed 3; block 2: its own default beside the no-reviewers arm (seeds
    0-2), that arm alone at seed 3. Block 2's burn-in is other weights."""
    one, two = tmp_path / 'lab_b', tmp_path / 'lab_b_m2'
    for seed in range(3):
        write_run(one, seed, 'trs_mfl_km', 0.35 + 0.01 * seed, pck=0.7)
        write_run(one, seed, 'dual', 0.30, burn_in='p', start=0.1, pck=0.5)
        write_run(two, seed, 'trs_mfl_km', 0.40, start=0.21, pck=0.9)
        write_run(
            two,
            seed,
            'trs_mfl_km_no_reviewers',
            0.38 - 0.01 * seed,
            start=0.21,
            pck=0.8)
    write_run(one, 3, 'trs_mfl_km', 0.5)
    write_run(two, 3, 'trs_mfl_km_no_reviewers', 0.1, start=0.21)
    return [str(one), str(two)]


def test_each_pair_comes_from_the_first_block_that_holds_both(tmp_path):
    lab = two_blocks(tmp_path)
    diffs, apart, where = pairs.pairs(lab, 'trs_mfl_km', 'dual')
    assert diffs == pytest.approx({0: 0.05, 1: 0.06, 2: 0.07})
    assert apart == [] and set(where.values()) == {lab[0]}
    # block 2's default, not block 1's (other weights), pairs with block 2's
    # arm; seed 3's runs lie in two blocks: no pair
    diffs, apart, where = pairs.pairs(lab, 'trs_mfl_km',
                                      'trs_mfl_km_no_reviewers')
    assert diffs == pytest.approx({0: 0.02, 1: 0.03, 2: 0.04})
    assert set(where.values()) == {lab[1]} and 3 not in diffs
    # one folder holding both blocks' runs would pair them across machines;
    # the step-0 check catches this one (same burn-in names)
    assert pairs.unpaired_starts(lab[0], 'trs_mfl_km', 'dual') == []
    # of an arm alone, each seed's run from the first block holding it
    assert pairs.final_aps(lab, 'trs_mfl_km') == pytest.approx({
        0: 0.35,
        1: 0.36,
        2: 0.37,
        3: 0.5
    })


def test_mechanism_reads_the_pairs_blocks(tmp_path):
    lab = two_blocks(tmp_path)
    table = claims.claims_table({'lab B': lab})
    row = next(r for r in table.splitlines() if r.startswith('| reviewers'))
    cells = [c.strip() for c in row.split('|')[1:-1]]
    assert cells[2] == ('+0.0300 +- 0.0100 (seeds 0,1,2: +0.0200, +0.0300, '
                        '+0.0400): holds')
    assert cells[3] == 'lab B: teacher PCK 0.900 vs 0.800'
    row = next(r for r in table.splitlines() if r.startswith('| TRS > Dual'))
    assert row.split('|')[-2].strip() == 'lab B: teacher PCK 0.700 vs 0.500'
    # without a pair: every run of each arm, first block first
    assert claims.target_pck(lab, 'trs_mfl_km') == pytest.approx(0.7)


def test_runs_of_other_machines_are_no_pair(tmp_path):
    lab = tmp_path / 'a'
    for seed, other in enumerate((CPU_1, CPU_2, None)):
        write_run(lab, seed, 'trs_mfl_km', 0.35, machine=CPU_1)
        # another network's burn-in: the step-0 check cannot tell
        write_run(
            lab, seed, 'dual', 0.30, burn_in='p', start=0.1, machine=other)
    assert pairs.unpaired_starts(str(lab), 'trs_mfl_km', 'dual') == [1]
    diffs, apart, _ = pairs.pairs(str(lab), 'trs_mfl_km', 'dual')
    assert diffs == pytest.approx({0: 0.05, 2: 0.05}) and apart == [1]
    cell = claims.claims_table({'lab A': str(lab)}).splitlines()[2]
    assert 'too few seeds (2 of 3) [seeds 1 left out: trained apart]' in cell


def test_convergence_keeps_each_block_of_an_arm_apart(tmp_path):
    from benchmark.convergence import convergence_table
    lab = two_blocks(tmp_path)
    runs = lab_runs(lab)
    assert sorted(runs['trs_mfl_km']) == [0, 1, 2, 3]
    assert runs['trs_mfl_km'][0]['curve'][-1]['ap'] == pytest.approx(0.35)
    other = runs['trs_mfl_km (lab_b_m2)']
    assert sorted(other) == [0, 1, 2]
    assert other[0]['curve'][-1]['ap'] == pytest.approx(0.40)
    assert sorted(runs['trs_mfl_km_no_reviewers']) == [0, 1, 2, 3]
    table = convergence_table({'lab B': lab})
    assert '| `trs_mfl_km (lab_b_m2)` | 0.4000 +- 0.0000 (3 seeds)' in table
