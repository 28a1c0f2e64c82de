"""A hook that kills its training process, to simulate a crash or a
pre-emption in tests (imported by configs through ``custom_imports``)."""
import os
import signal

from mmengine.hooks import Hook

from mmpose.registry import HOOKS


@HOOKS.register_module()
class CrashAtIterHook(Hook):
    """SIGKILL the process before training iteration ``at`` (0-based, after
    the checkpoint and validation of the previous iteration); with ``rank``,
    only that rank's process."""

    def __init__(self, at: int, rank=None) -> None:
        self.at, self.rank = at, rank

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        from mmengine.dist import get_rank
        if runner.iter == self.at and self.rank in (None, get_rank()):
            os.kill(os.getpid(), signal.SIGKILL)


@HOOKS.register_module()
class SignalAtIterHook(Hook):
    """Send ``sig`` to the own process during training iteration ``at``
    (0-based), or, with ``during_val``, during the first validation batch
    after it."""

    def __init__(self,
                 at: int,
                 sig: str = 'SIGTERM',
                 during_val: bool = False) -> None:
        self.at, self.sig, self.during_val = at, sig, during_val
        self.sent = False

    def _send(self):
        self.sent = True
        os.kill(os.getpid(), getattr(signal, self.sig))

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if runner.iter == self.at and not self.during_val and not self.sent:
            self._send()

    def after_val_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        if self.during_val and runner.iter >= self.at and not self.sent:
            self._send()
