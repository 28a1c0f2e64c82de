"""Stop training at the first non-finite loss, before anything is saved."""
import math
from typing import Optional

from mmengine.hooks import Hook
from mmengine.hooks.hook import DATA_BATCH
from mmengine.runner import Runner

from mmpose.registry import HOOKS


class NonFiniteLossError(RuntimeError):
    """Raised by :class:`NonFiniteLossHook`."""


@HOOKS.register_module()
class NonFiniteLossHook(Hook):
    """Raise as soon as an iteration's loss is NaN or infinite.

    It runs after every training iteration with a higher priority than
    ``CheckpointHook`` (``VERY_LOW``) and the EMA hook, so the weights of the
    failed step are never written to a checkpoint and the last good checkpoint
    stays as it was. The error names the iteration and every loss term.
    """

    priority = 'ABOVE_NORMAL'

    def after_train_iter(self,
                         runner: Runner,
                         batch_idx: int,
                         data_batch: DATA_BATCH = None,
                         outputs: Optional[dict] = None) -> None:
        if not outputs:
            return
        terms = {
            k: float(v.detach())
            for k, v in outputs.items() if 'loss' in k
        }
        if all(math.isfinite(v) for v in terms.values()):
            return
        listed = ', '.join(f'{k}={v:.6g}' for k, v in terms.items())
        raise NonFiniteLossError(
            f'non-finite loss at iteration {runner.iter + 1}: {listed}. '
            'Training stopped before saving; the last checkpoint in '
            f'{runner.work_dir} is unchanged (resume from it with a lower '
            'learning rate or check the data)')
