"""Pre-emption on clusters: a SIGTERM (SLURM's notice) or SIGUSR1 ends the
run at the next checkpointable point with a checkpoint of the iteration
reached, instead of losing everything since the last interval checkpoint."""
import signal
from typing import Optional, Sequence

import torch
from mmengine.dist import all_reduce, is_distributed
from mmengine.hooks import Hook
from mmengine.hooks.hook import DATA_BATCH
from mmengine.runner import Runner

from mmpose.registry import HOOKS

#: the exit status of a pre-empted run: its checkpoint is written, resume
#: it with ``--resume`` (a SLURM job with ``--requeue`` is requeued on it)
PREEMPTED = 3


class Preempted(SystemExit):
    """Raised to end a pre-empted run with :data:`PREEMPTED`."""


@HOOKS.register_module()
class PreemptionHook(Hook):
    """On one of ``signals``, finish the current training iteration (or the
    validation under way), write an atomic checkpoint of the iterations
    done through the run's checkpoint hook, and exit with ``exit_code``.

    The signal only sets a flag: nothing is cut in the middle of a step, a
    validation or a checkpoint write, and the log says when the signal came
    and where the run stops. With several processes the flag is reduced
    over all ranks after every iteration, so every rank stops at the same
    one. ``--resume`` then continues from the checkpoint as from any other
    (``ExactResumeHook``: bit for bit).

    Args:
        signals (Sequence[str]): signal names. Defaults to
            ``('SIGTERM', 'SIGUSR1')``.
        exit_code (int): the status of a pre-empted run. Defaults to 3.
    """

    priority = 'VERY_LOW'  # after the checkpoint hook's own interval save

    def __init__(self,
                 signals: Sequence[str] = ('SIGTERM', 'SIGUSR1'),
                 exit_code: int = PREEMPTED):
        unknown = [s for s in signals if not hasattr(signal, s)]
        if unknown:
            raise ValueError(f'PreemptionHook: unknown signals {unknown}')
        self.signals = tuple(signals)
        self.exit_code = exit_code
        self.received: Optional[str] = None
        self.in_val = False
        self._previous = {}

    def before_train(self, runner: Runner) -> None:
        for name in self.signals:
            sig = getattr(signal, name)
            self._previous[sig] = signal.signal(
                sig, lambda s, f, r=runner: self._on_signal(r, s))

    def after_train(self, runner: Runner) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous = {}

    def _on_signal(self, runner: Runner, sig: int) -> None:
        self.received = signal.Signals(sig).name
        where = 'validation' if self.in_val else f'iteration {runner.iter}'
        runner.logger.warning(
            f'PreemptionHook: {self.received} during {where}; the run stops '
            'after it, with a checkpoint')

    def before_val(self, runner: Runner) -> None:
        self.in_val = True

    def after_train_iter(self,
                         runner: Runner,
                         batch_idx: int,
                         data_batch: DATA_BATCH = None,
                         outputs: Optional[dict] = None) -> None:
        if self._requested():
            self.stop(runner, runner.iter + 1)

    def after_val(self, runner: Runner) -> None:
        self.in_val = False
        if self._requested():  # validation is the loop's, after _iter += 1
            self.stop(runner, runner.iter)

    def _requested(self) -> bool:
        flag = torch.tensor([float(self.received is not None)])
        if is_distributed():
            all_reduce(flag, op='max')
        return bool(flag.item())

    def stop(self, runner: Runner, done: int) -> None:
        """Checkpoint the ``done`` iterations (unless the checkpoint hook
        has just written them) and exit with :attr:`exit_code`."""
        hook = next((h for h in runner.hooks
                     if type(h).__name__.endswith('CheckpointHook')), None)
        if hook is None:
            raise RuntimeError('PreemptionHook needs a CheckpointHook')
        name = hook.filename_tmpl.format(done)
        if not str(getattr(hook, 'last_ckpt', '') or '').endswith(name):
            hook._save_checkpoint_with_step(
                runner, done, dict(epoch=runner.epoch, iter=done))
        runner.logger.warning(
            f'PreemptionHook: stopped after {done} iterations ({name} '
            f'written); resume with --resume (exit status {self.exit_code})')
        raise Preempted(self.exit_code)
