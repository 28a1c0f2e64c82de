"""Exact resume and determinism on CPU: a TRS run (MFL + Keypoint-Mix, so
that the hard views, the Keypoint-Mix choices and the data augmentation all
draw random numbers) killed after its checkpoint at iteration 2 and resumed
with --resume ends at iteration 4 with the same weights, optimizer state and
losses as the uninterrupted run (without workers), without replaying the
trained batches, while the interrupted run draws its data in two persistent
dataloader workers; without ExactResumeHook it does not."""
import os.path as osp

import pytest
import torch
from helpers import dump_config, tiny_config, train_process
from mmengine.config import Config

from mmpose_trs.utils.run_logs import read_scalars

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

CONFIG = 'configs/quickstart/trs-mfl-km_res18-half_synthetic.py'


def _config(root, path, exact=True, crash_at=None, workers=0):
    cfg = Config.fromfile(tiny_config(CONFIG, root, path, iters=4))
    cfg.model.burn_in_iters = 0  # unsupervised terms from the first step
    cfg.train_dataloader.update(
        num_workers=workers, persistent_workers=workers > 0)
    hooks = [
        h for h in cfg.custom_hooks if exact or h['type'] != 'ExactResumeHook'
    ]
    if crash_at is not None:
        hooks.append(dict(type='CrashAtIterHook', at=crash_at))
        cfg.custom_imports['imports'].append('crash_hook')
    cfg.custom_hooks = hooks
    dump_config(cfg, path)
    return path


def _train(cfg, work, *extra, expect_ok=True):
    rc, log = train_process(cfg, work, *extra)
    assert (rc == 0) == expect_ok, log[-3000:]
    return log


def _losses(work, run=None):
    """{iteration: loss} of every run logged in ``work`` (or of its run
    number ``run``, oldest first)."""
    return {
        rec['step']: rec['loss']
        for rec in read_scalars(work, run=run) if 'loss' in rec
    }


def _resumed_run(root, tmp, name, exact, workers=0):
    work = str(tmp / name)
    _train(
        _config(
            root,
            str(tmp / f'{name}_crash.py'),
            exact,
            crash_at=2,
            workers=workers),
        work,
        expect_ok=False)
    assert open(osp.join(work,
                         'last_checkpoint')).read().endswith('iter_2.pth')
    assert not osp.exists(osp.join(work, 'iter_4.pth'))
    log = _train(
        _config(root, str(tmp / f'{name}.py'), exact, workers=workers), work,
        '--resume')
    # nothing replayed: MMEngine's advance returned at once
    assert ('nothing is replayed' in log) == exact
    return work


@pytest.fixture(scope='module')
def runs(synthetic_root, tmp_path_factory):
    tmp = tmp_path_factory.mktemp('resume')
    straight = str(tmp / 'straight')
    _train(_config(synthetic_root, str(tmp / 'straight.py')), straight)
    return dict(
        straight=straight,
        # resumed with two persistent workers: each draw carries its own
        # seed, so the data (and so everything) equal those of the
        # uninterrupted run without workers
        resumed=_resumed_run(synthetic_root, tmp, 'resumed', True, workers=2),
        control=_resumed_run(synthetic_root, tmp, 'control', False))


def _checkpoint(work):
    return torch.load(
        osp.join(work, 'iter_4.pth'), map_location='cpu', weights_only=True)


def test_resume_gives_identical_networks(runs):
    a, b = _checkpoint(runs['straight']), _checkpoint(runs['resumed'])
    assert a['meta']['iter'] == b['meta']['iter'] == 4
    sa, sb = a['state_dict'], b['state_dict']
    assert sa.keys() == sb.keys()
    assert {k.split('.')[0]
            for k in sa} == {'net_f', 'net_g', 'reviewer_f', 'reviewer_g'}
    for k in sa:
        assert torch.equal(sa[k], sb[k]), k
    for k, v in a['optimizer']['state'].items():
        for name, t in v.items():
            assert torch.equal(t, b['optimizer']['state'][k][name])
    assert a['param_schedulers'] == b['param_schedulers']


def test_losses_after_resume_equal_the_uninterrupted_run(runs):
    straight, resumed = _losses(runs['straight']), _losses(runs['resumed'])
    assert sorted(straight) == [1, 2, 3, 4]
    assert resumed == straight  # 1-2 before the crash, 3-4 after resuming


def test_same_config_and_seed_give_the_same_losses(runs, synthetic_root,
                                                   tmp_path):
    """Determinism on CPU: separate processes, same seed, same losses; a
    different seed gives different ones."""
    assert _losses(
        runs['resumed'], run=0) == {
            k: v
            for k, v in _losses(runs['straight']).items() if k <= 2
        }
    cfg = _config(synthetic_root, str(tmp_path / 'seed1.py'))
    _train(cfg, str(tmp_path / 'seed1'), '--cfg-options', 'randomness.seed=1',
           'train_cfg.max_iters=1')
    assert _losses(str(tmp_path / 'seed1'))[1] != _losses(runs['straight'])[1]


def test_without_the_hook_resume_is_not_exact(runs):
    """Control: MMEngine alone re-seeds the random generators on resume."""
    a, c = _checkpoint(runs['straight']), _checkpoint(runs['control'])
    assert _losses(runs['control'])[2] == _losses(runs['straight'])[2]
    assert any(not torch.equal(a['state_dict'][k], c['state_dict'][k])
               for k in a['state_dict'])


def test_checkpoint_holds_rng_state_and_loads_safely(runs):
    ckpt = _checkpoint(runs['resumed'])  # weights_only=True above
    assert set(ckpt['rng_state']) >= {'python', 'numpy', 'torch'}
