"""A hook that kills its training process, to simulate a crash or a
pre-emption in tests (imported by configs through ``custom_imports``)."""
import os
import signal

from mmengine.hooks import Hook

from mmpose.registry import HOOKS


@HOOKS.register_module()
class CrashAtIterHook(Hook):
    """SIGKILL the process before training iteration ``at`` (0-based, after
    the checkpoint and validation of the previous iteration)."""

    def __init__(self, at: int) -> None:
        self.at = at

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if runner.iter == self.at:
            os.kill(os.getpid(), signal.SIGKILL)
