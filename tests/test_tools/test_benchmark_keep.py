"""benchmark_accuracy.py --keep-dir: finished runs are copied to the kept
folder (the repository's docs/benchmark_runs) and reused from it on a
machine whose work dir is empty; a run whose weights are needed is trained
again. Training itself is replaced by a counter here."""
import json
import os.path as osp
from argparse import Namespace

import pytest


@pytest.fixture
def trained(monkeypatch):
    """Replace the training of an arm by a record of the call."""
    from benchmark import accuracy
    calls = []

    def fake_train(arm, args, seed, work):
        calls.append((arm, seed, work))
        run = dict(curve=[dict(step=0, ap=0.1 * (seed + 1))], arm=arm)
        accuracy.report.write_json(osp.join(work, 'run.json'), run)
        return run

    monkeypatch.setattr(accuracy, '_train_arm', fake_train)
    return calls


def _args(tmp_path, work='work', keep='kept'):
    return Namespace(
        work_dir=str(tmp_path / work),
        keep_dir=str(tmp_path / keep) if keep else None)


def _read(path):
    with open(path) as f:
        return json.load(f)


def test_a_finished_run_is_kept_and_reused_on_an_empty_work_dir(
        tmp_path, trained):
    from benchmark.accuracy import run_arm
    run = run_arm('dual', _args(tmp_path), 1)
    kept = tmp_path / 'kept' / 'seed1' / 'dual' / 'run.json'
    assert _read(kept) == run == dict(curve=[dict(step=0, ap=0.2)], arm='dual')
    assert len(trained) == 1
    # a new machine: its work dir is empty, the kept run is read, not trained
    again = run_arm('dual', _args(tmp_path, work='fresh'), 1)
    assert again == run and len(trained) == 1
    assert not osp.exists(tmp_path / 'fresh' / 'seed1')
    # another seed is not found there: it trains
    run_arm('dual', _args(tmp_path, work='fresh'), 2)
    assert [c[:2] for c in trained] == [('dual', 1), ('dual', 2)]


def test_a_run_of_the_work_dir_is_copied_to_the_kept_folder(tmp_path, trained):
    from benchmark.accuracy import run_arm
    run_arm('trs', _args(tmp_path, keep=None), 0)  # trained without keeping
    assert not osp.exists(tmp_path / 'kept')
    run = run_arm('trs', _args(tmp_path), 0)  # found in the work dir
    assert len(trained) == 1
    assert _read(tmp_path / 'kept' / 'seed0' / 'trs' / 'run.json') == run


def test_a_kept_run_whose_weights_are_needed_trains_again(tmp_path, trained):
    from benchmark.accuracy import run_arm
    run_arm('trs', _args(tmp_path), 0)
    run_arm('trs', _args(tmp_path, work='fresh'), 0, kept=False)
    assert [c[2] for c in trained] == [
        str(tmp_path / 'work' / 'seed0' / 'trs'),
        str(tmp_path / 'fresh' / 'seed0' / 'trs')
    ]
    assert osp.isfile(tmp_path / 'fresh' / 'seed0' / 'trs' / 'run.json')


def test_a_retrained_run_never_replaces_the_kept_one(tmp_path, trained):
    """The kept run (another machine's, paired with other arms) stays as it
    was; the retrained run lives in the work dir only."""
    from benchmark.accuracy import run_arm
    kept = tmp_path / 'kept' / 'seed0' / 'trs' / 'run.json'
    kept.parent.mkdir(parents=True)
    other = dict(curve=[dict(step=0, ap=0.5)], arm='trs', machine='other')
    kept.write_text(json.dumps(other))
    run = run_arm('trs', _args(tmp_path), 0, kept=False)
    assert run == dict(curve=[dict(step=0, ap=0.1)], arm='trs')
    assert _read(kept) == other
    assert _read(tmp_path / 'work' / 'seed0' / 'trs' / 'run.json') == run


def _kept(block, seed, arm, record):
    path = block / f'seed{seed}' / arm
    path.mkdir(parents=True)
    run = dict(curve=[dict(step=0, ap=0.1)])
    if record is not None:
        run['machine'] = record
    (path / 'run.json').write_text(json.dumps(run))


def test_a_block_of_another_machine_is_refused_before_training(tmp_path):
    from benchmark import accuracy, runs
    other = dict(runs.machine(), cpu='another CPU')
    block = tmp_path / 'lab_b_m2'
    _kept(block, 0, 'dual', other)
    _kept(block, 1, 'dual', None)  # kept before the record began
    assert runs.kept_machines(str(block)) == [other]
    with pytest.raises(SystemExit) as err:
        accuracy.main([
            '--lab', 'b', '--keep-dir',
            str(block), '--work-dir',
            str(tmp_path / 'work'), '--data-root',
            str(tmp_path / 'data')
        ])
    message = str(err.value)
    assert f'--keep-dir {block}' in message and 'another CPU' in message
    assert 'TRS_LAB_BLOCK=lab_<a|b>_m<N>' in message
    # nothing was made or trained: no data, no work dir
    assert not (tmp_path / 'data').exists()
    assert not (tmp_path / 'work').exists()


def test_a_block_of_this_machine_or_without_records_is_accepted(tmp_path):
    from benchmark import runs
    mine, old = tmp_path / 'mine', tmp_path / 'old'
    _kept(mine, 0, 'dual', runs.machine())
    _kept(old, 0, 'dual', None)
    runs.check_block_machine(str(mine))
    runs.check_block_machine(str(old))
    runs.check_block_machine(str(tmp_path / 'empty'))
    assert runs.kept_machines(str(old)) == []
