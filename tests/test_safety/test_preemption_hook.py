"""PreemptionHook's arguments and signal handlers (the run it stops:
tests/test_e2e/test_preemption.py)."""
import signal
from types import SimpleNamespace

import pytest

from mmpose_trs.safety import PREEMPTED, PreemptionHook


class _Log:

    def __init__(self):
        self.lines = []

    def warning(self, text):
        self.lines.append(text)


def test_unknown_signal_is_refused():
    with pytest.raises(ValueError, match='unknown signals'):
        PreemptionHook(signals=('SIGNOPE', ))


def test_handler_only_flags_and_is_removed_after_training():
    before = signal.getsignal(signal.SIGUSR1)
    hook = PreemptionHook(signals=('SIGUSR1', ))
    runner = SimpleNamespace(logger=_Log(), iter=7)
    hook.before_train(runner)
    assert signal.getsignal(signal.SIGUSR1) is not before
    signal.raise_signal(signal.SIGUSR1)  # the process keeps running
    assert hook.received == 'SIGUSR1' and hook._requested()
    assert runner.logger.lines == [
        'PreemptionHook: SIGUSR1 during iteration 7; the run stops after '
        'it, with a checkpoint'
    ]
    hook.after_train(runner)
    assert signal.getsignal(signal.SIGUSR1) is before
    assert PREEMPTED == PreemptionHook().exit_code == 3
