"""Iteration-based training whose length is counted in epochs of the mixed
labeled/unlabeled stream, as Xie et al. and the TRS paper count it."""
from typing import Dict, Optional, Union

from mmengine.runner import IterBasedTrainLoop, Runner
from mmengine.runner.utils import calc_dynamic_intervals
from torch.utils.data import DataLoader

from mmpose.registry import LOOPS
from ..utils.branches import EPOCH_ITERS


@LOOPS.register_module()
class MixedEpochTrainLoop(IterBasedTrainLoop):
    """``IterBasedTrainLoop`` with its length, first validation and
    validation interval given in epochs of the mixed stream.

    One epoch is ``sampler.epoch_iters`` iterations of
    :class:`LabeledUnlabeledSampler`: one pass over the larger source
    (Xie et al.'s dataset length), computed from the data actually built, so
    "100 epochs" stays 100 passes whatever the unlabeled set (COCO subsets,
    WILD detections, AI Challenger). The sampler's ``__len__`` makes
    ``len(dataloader)`` one epoch, so parameter schedulers written in epochs
    with ``convert_to_iter_based=True`` step at the same boundaries.

    Args:
        runner (Runner): the runner.
        dataloader (DataLoader or dict): the mixed training dataloader.
        max_epochs (int): training length in epochs.
        val_begin (int): first epoch after which to validate. Defaults to 1.
        val_interval (int): validation interval in epochs. Defaults to 1.
        expected_sizes: not accepted here any more: the sizes a protocol
            expects are the config's top-level ``expected_sizes``, checked
            by ``StartupCheckHook`` whatever the loop.
    """

    def __init__(self,
                 runner: Runner,
                 dataloader: Union[DataLoader, dict],
                 max_epochs: int,
                 val_begin: int = 1,
                 val_interval: int = 1,
                 expected_sizes: Optional[Dict[str, int]] = None) -> None:
        super().__init__(runner, dataloader, max_iters=1)
        sampler = self.dataloader.sampler
        if not hasattr(sampler, 'epoch_iters'):
            raise TypeError(
                f'{type(self).__name__} counts epochs of the mixed stream and '
                'needs train_dataloader.sampler=LabeledUnlabeledSampler, got '
                f'{type(sampler).__name__}; use IterBasedTrainLoop otherwise')
        if expected_sizes is not None:
            raise ValueError(
                'expected_sizes moved to the top level of the '
                f'config: expected_sizes = {dict(expected_sizes)!r} (checked '
                'by StartupCheckHook for every train loop)')
        self.epoch_iters = sampler.epoch_iters
        # read by estimators whose period is an epoch (SSPCM's snapshots)
        runner.message_hub.update_info(EPOCH_ITERS, self.epoch_iters)
        self._max_iters = int(max_epochs) * self.epoch_iters
        self.val_begin = int(val_begin) * self.epoch_iters
        self.val_interval = int(val_interval) * self.epoch_iters
        self.dynamic_milestones, self.dynamic_intervals = \
            calc_dynamic_intervals(self.val_interval, None)
