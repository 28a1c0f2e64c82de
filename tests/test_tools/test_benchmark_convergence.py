"""The convergence table: each arm's final val AP and how much the last
fifth of its schedule moved it, against one seed std."""
import json

from benchmark.convergence import convergence_table, lab_runs


def write(root, seed, arm, curve):
    path = root / f'seed{seed}' / arm
    path.mkdir(parents=True, exist_ok=True)
    steps = (0, 40, 80, 100)
    (path / 'run.json').write_text(
        json.dumps(
            dict(curve=[dict(step=s, ap=a) for s, a in zip(steps, curve)])))


def test_last_fifth_against_the_seed_std(tmp_path):
    lab = tmp_path / 'b'
    # flat after step 80 (the last fifth starts at 80): converged
    for seed, end in enumerate((0.30, 0.32, 0.34)):
        write(lab, seed, 'flat', (0.1, 0.2, end - 0.001, end))
        write(lab, seed, 'rising', (0.1, 0.2, end - 0.05, end))
    write(lab, 0, 'burn_in_x', (0.1, 0.2, 0.3, 0.4))  # not an arm
    write(lab, 0, 'one_seed', (0.1, 0.2, 0.1, 0.4))  # no std: no verdict
    assert sorted(lab_runs(str(lab))) == ['flat', 'one_seed', 'rising']
    assert sorted(lab_runs(str(lab))['flat']) == [0, 1, 2]
    table = convergence_table({
        'lab A': str(tmp_path / 'a'),
        'lab B': str(lab)
    })
    rows = {
        r.split('|')[1].strip(): r
        for r in table.splitlines()[2:] if r.startswith('|')
    }
    assert rows['`flat`'].endswith(
        '| - | 0.3200 +- 0.0200 (3 seeds); last fifth +0.0010 (< std) |')
    assert 'last fifth +0.0500 (>= std)' in rows['`rising`']
    assert rows['`one_seed`'].endswith(
        '| - | 0.4000 (1 seed); last fifth +0.3000 |')
    assert table.endswith('or more): lab B: rising')
