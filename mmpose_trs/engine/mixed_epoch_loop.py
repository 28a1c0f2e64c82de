"""Iteration-based training whose length is counted in epochs of the mixed
labeled/unlabeled stream, as Xie et al. and the TRS paper count it."""
from typing import Any, Dict, Optional, Sequence, Union

from mmengine.runner import IterBasedTrainLoop, Runner
from mmengine.runner.utils import calc_dynamic_intervals
from torch.utils.data import DataLoader

from mmpose.registry import LOOPS
from ..datasets.labeled_unlabeled_dataset import SOURCES


def check_expected_sizes(dataset: Any, sizes: Sequence[int],
                         expected: Optional[Dict[str, int]]) -> None:
    """Raise if a source of ``dataset`` does not have the size the config's
    protocol expects (e.g. 149,813 valid COCO instances, not every box).

    Args:
        dataset: the ``ConcatDataset([labeled, unlabeled])``.
        sizes (list[int]): the sources' lengths.
        expected (dict, optional): ``labeled``/``unlabeled`` -> size (or
            None for no expectation).
    """
    for i, name in enumerate(SOURCES):
        want = (expected or {}).get(name)
        if want is None or sizes[i] == want:
            continue
        src = dataset.datasets[i]
        files = getattr(src, 'det_file', None) or getattr(src, 'ann_file', '')
        raise ValueError(
            f'train_cfg.expected_sizes: the protocol of this config expects '
            f'{want:,} {name} samples but the {name} dataset '
            f'({type(src).__name__}, {files}) has {sizes[i]:,}. Re-create the '
            'split with tools/split_coco.py (docs/reproduce.md), or set '
            'train_cfg.expected_sizes=None to train on another set on '
            'purpose (the schedule follows its size).')


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
        expected_sizes (dict, optional): ``labeled``/``unlabeled`` sizes the
            config's protocol expects; a different size stops before
            iteration 1 with the dataset's file named. Defaults to None.
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
        check_expected_sizes(self.dataloader.dataset, sampler.sizes,
                             expected_sizes)
        self.epoch_iters = sampler.epoch_iters
        self._max_iters = int(max_epochs) * self.epoch_iters
        self.val_begin = int(val_begin) * self.epoch_iters
        self.val_interval = int(val_interval) * self.epoch_iters
        self.dynamic_milestones, self.dynamic_intervals = \
            calc_dynamic_intervals(self.val_interval, None)
