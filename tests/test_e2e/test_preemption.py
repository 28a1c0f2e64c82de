"""PreemptionHook with real signals sent to a training process: a SIGTERM
mid-run leaves a checkpoint at the iteration reached and exit status 3, and
the resumed run ends bit for bit as the uninterrupted one; a signal during
validation waits for its end and says so."""
import os.path as osp

import pytest
import torch
from helpers import dump_config, tiny_config, train_process
from mmengine.config import Config

from mmpose_trs.safety import PREEMPTED

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

CONFIG = 'configs/quickstart/trs-mfl-km_res18-half_synthetic.py'


def _config(root, path, **signal_at):
    cfg = Config.fromfile(tiny_config(CONFIG, root, path, iters=6))
    cfg.model.burn_in_iters = 0
    assert any(h['type'] == 'PreemptionHook' for h in cfg.custom_hooks)
    if signal_at:
        cfg.custom_hooks.append(dict(type='SignalAtIterHook', **signal_at))
        cfg.custom_imports['imports'].append('crash_hook')
    dump_config(cfg, path)
    return path


def _last(work):
    return open(osp.join(work, 'last_checkpoint')).read().strip()


def _weights(path):
    return torch.load(
        path, map_location='cpu', weights_only=True)['state_dict']


@pytest.fixture(scope='module')
def straight(synthetic_root, tmp_path_factory):
    tmp = tmp_path_factory.mktemp('preempt')
    work = str(tmp / 'straight')
    rc, log = train_process(_config(synthetic_root, str(tmp / 's.py')), work)
    assert rc == 0, log[-3000:]
    return tmp, work


def test_sigterm_checkpoints_the_iteration_and_resume_is_exact(
        straight, synthetic_root):
    tmp, done = straight
    work = str(tmp / 'preempted')
    rc, log = train_process(
        _config(synthetic_root, str(tmp / 'p.py'), at=1, sig='SIGTERM'), work)
    assert rc == PREEMPTED, log[-3000:]
    assert 'SIGTERM during iteration 1' in log
    assert 'stopped after 2 iterations (iter_2.pth written)' in log
    assert _last(work).endswith('iter_2.pth') and osp.isfile(_last(work))
    assert not osp.exists(osp.join(work, 'iter_3.pth'))
    rc, log = train_process(
        _config(synthetic_root, str(tmp / 'r.py')), work, '--resume')
    assert rc == 0, log[-3000:]
    a = _weights(osp.join(done, 'iter_6.pth'))
    b = _weights(osp.join(work, 'iter_6.pth'))
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_signal_during_validation_waits_for_its_end(straight, synthetic_root):
    tmp, _ = straight
    work = str(tmp / 'in_val')
    rc, log = train_process(
        _config(
            synthetic_root,
            str(tmp / 'v.py'),
            at=2,
            sig='SIGUSR1',
            during_val=True), work)
    assert rc == PREEMPTED, log[-3000:]
    assert 'SIGUSR1 during validation' in log
    # validation at iteration 3 ran to its end: its metrics are logged
    assert 'Iter(val) [' in log.split('SIGUSR1 during validation')[1]
    assert _last(work).endswith('iter_3.pth')
    assert 'stopped after 3 iterations' in log
