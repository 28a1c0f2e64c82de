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
