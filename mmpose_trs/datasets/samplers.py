"""Sampler that puts fixed numbers of labeled and unlabeled samples in a batch.

Named ``LabeledUnlabeledSampler`` so it does not clash with MMPose's
``MultiSourceSampler``.
"""
import itertools
import math
from typing import Iterator, Optional, Sequence, Sized, Tuple

import numpy as np
import torch
from mmengine.dataset import ConcatDataset
from mmengine.dist import get_dist_info, sync_random_seed
from torch.utils.data import Sampler

from mmpose.registry import DATA_SAMPLERS
from ..utils.branches import SOURCES


def _source_sizes(dataset):
    """Lengths of the sources of a ``ConcatDataset``/``CombinedDataset``."""
    if isinstance(dataset, ConcatDataset) or hasattr(dataset,
                                                     'cumulative_sizes'):
        sizes = [len(d) for d in dataset.datasets]
    elif hasattr(dataset, '_lens'):  # mmpose CombinedDataset
        sizes = list(dataset._lens)
    else:
        raise TypeError(
            'LabeledUnlabeledSampler needs a ConcatDataset or CombinedDataset '
            f'of [labeled, unlabeled] datasets, got {type(dataset).__name__}')
    if len(sizes) != 2:
        raise ValueError('LabeledUnlabeledSampler needs exactly two sources '
                         f'(labeled, unlabeled), got {len(sizes)}')
    return sizes


def epoch_iterations(sizes: Sequence[int],
                     per_step: Sequence[int],
                     world_size: int = 1) -> int:
    """Iterations of one epoch of a mixed stream: the steps in which each
    rank's share of the larger source (in samples per step) is seen once.

    Args:
        sizes (list[int]): lengths of the sources.
        per_step (list[int]): samples of each source per step and rank.
        world_size (int): number of ranks.
    """
    return max(
        math.ceil(size / (n * world_size)) for size, n in zip(sizes, per_step)
        if n)


@DATA_SAMPLERS.register_module()
class LabeledUnlabeledSampler(Sampler):
    """Infinite sampler yielding ``num_labeled`` labeled then ``num_unlabeled``
    unlabeled indices for every batch.

    The dataset is a ``ConcatDataset`` (or MMPose ``CombinedDataset``) whose
    first source is labeled and second unlabeled. Each source is reshuffled
    whenever it is exhausted, with a seed shared by all ranks
    (``sync_random_seed``); every rank keeps the positions ``rank,
    rank + world_size, ...`` of each source's stream, so ranks see disjoint
    samples. The dataloader's ``batch_size`` must equal
    ``num_labeled + num_unlabeled``. Use with ``IterBasedTrainLoop``: the
    sampler never ends.

    Resuming without replay: :meth:`skip_to` makes the next iteration start
    at a given batch, computed from the seed alone (no sample is loaded).
    Where the dataset takes draw seeds (``LabeledUnlabeledDataset``), each
    index comes with the seed of its draw, ``(index, draw_seed)``, a function
    of the sampler seed, the source and the position in the source's stream:
    the augmentation of a sample then depends on where it is in the stream,
    not on which worker loads it or how many it loaded before.

    Args:
        dataset (Sized): ``ConcatDataset([labeled, unlabeled])``.
        num_labeled (int): labeled samples per batch (per GPU).
        num_unlabeled (int): unlabeled samples per batch (per GPU).
        shuffle (bool): shuffle each source. Defaults to True.
        seed (int, optional): random seed; ``None`` draws one and syncs it
            across ranks. Defaults to None.
        seed_each_draw (bool): yield ``(index, draw_seed)`` when the dataset
            takes draw seeds (``takes_draw_seeds``). Defaults to True.
    """

    def __init__(self,
                 dataset: Sized,
                 num_labeled: int,
                 num_unlabeled: int,
                 shuffle: bool = True,
                 seed: Optional[int] = None,
                 seed_each_draw: bool = True) -> None:
        for name, n in (('num_labeled', num_labeled), ('num_unlabeled',
                                                       num_unlabeled)):
            if not isinstance(n, int) or n < 0:
                raise ValueError(
                    f'{name} must be a non-negative int, got {n!r}')
        if num_labeled + num_unlabeled == 0:
            raise ValueError('num_labeled + num_unlabeled must be > 0')
        self.sizes = _source_sizes(dataset)
        for name, size, n in zip(SOURCES, self.sizes,
                                 (num_labeled, num_unlabeled)):
            if n > 0 and size == 0:
                raise ValueError(
                    f'the {name} dataset is empty but '
                    f'num_{name}={n} samples per batch were asked')
        self.dataset = dataset
        self.num_per_batch = (num_labeled, num_unlabeled)
        self.batch_size = num_labeled + num_unlabeled
        self.offsets = (0, self.sizes[0])
        self.shuffle = shuffle
        self.rank, self.world_size = get_dist_info()
        self.seed = sync_random_seed() if seed is None else seed
        self.draw_seeds = seed_each_draw and getattr(dataset,
                                                     'takes_draw_seeds', False)
        self.start_batch = 0

    def skip_to(self, batch: int) -> None:
        """Make the next ``iter()`` start at batch ``batch`` (of this rank),
        as if the batches before it had been drawn; nothing is loaded."""
        if batch < 0:
            raise ValueError(f'batch must be >= 0, got {batch}')
        self.start_batch = int(batch)

    def _global_stream(self, source: int,
                       start: int) -> Iterator[Tuple[int, int]]:
        """``(position, index)`` of one source's stream shared by all ranks,
        from ``position = start`` on; the permutations of the epochs before
        are drawn (to advance the generator) but not listed."""
        g = torch.Generator()
        g.manual_seed(self.seed + 1000003 * source)
        size = self.sizes[source]
        epoch, offset = divmod(start, size)
        for e in itertools.count():
            perm = (
                torch.randperm(size, generator=g)
                if self.shuffle else torch.arange(size))
            if e < epoch:
                continue
            first = offset if e == epoch else 0
            base = e * size
            for i, index in enumerate(perm[first:].tolist(), first):
                yield base + i, index

    def _draw_seed(self, source: int, position: int) -> int:
        """The seed of the draw at ``position`` of a source's stream."""
        return int(
            np.random.SeedSequence([self.seed, source,
                                    position]).generate_state(1)[0])

    def _source_stream(self, source: int) -> Iterator:
        """Endless stream of this rank's draws from one source, from
        :attr:`start_batch` on: indices into the concatenated dataset, with
        their draw seeds where the dataset takes them."""
        n = self.num_per_batch[source]
        first = self.rank + self.start_batch * n * self.world_size
        stream = itertools.islice(
            self._global_stream(source, first), 0, None, self.world_size)
        for position, index in stream:
            index += self.offsets[source]
            yield ((index, self._draw_seed(source, position))
                   if self.draw_seeds else index)

    def __iter__(self) -> Iterator:
        streams = [self._source_stream(s) for s in (0, 1)]
        while True:
            for stream, n in zip(streams, self.num_per_batch):
                yield from itertools.islice(stream, n)

    @property
    def epoch_iters(self) -> int:
        """Iterations of one epoch of the mixed stream: the steps in which
        this rank's share of the larger source (in samples per step) is seen
        once. Xie et al.'s mixed dataset has the length of its larger source
        (149,813 / 32 -> 4,682 iterations for the COCO subsets)."""
        return epoch_iterations(self.sizes, self.num_per_batch,
                                self.world_size)

    def __len__(self) -> int:
        """Samples of one epoch (:attr:`epoch_iters` batches), so that
        ``len(dataloader)`` is the epoch length that MMEngine's epoch-based
        parameter schedulers (``convert_to_iter_based=True``) convert with;
        the sampler itself never ends."""
        return self.epoch_iters * self.batch_size

    def set_epoch(self, epoch: int) -> None:
        """Not used: the sampler is infinite and reshuffles by itself."""
