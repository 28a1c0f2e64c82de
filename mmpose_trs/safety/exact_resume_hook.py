"""Resume a run exactly where it stopped, without replaying its data: the
sampler jumps to the next batch by index, and the random states continue as
in the uninterrupted run."""
from typing import Any, Iterator, Optional

from mmengine.dist import get_dist_info
from mmengine.hooks import Hook
from mmengine.runner import Runner
from mmengine.utils import ProgressBar
from torch.utils.data import DataLoader

from mmpose.registry import HOOKS
from ..utils.rng import capture_rng_state, restore_rng_state


def check_world_size(then: Optional[int], now: int, done: int) -> None:
    """A resumed run has the number of processes of the run it resumes.

    Raises:
        RuntimeError: the checkpoint was written by another number of
            processes (each rank's sampler positions and the epoch length
            depend on it: resuming would skip or repeat samples).
    """
    if then is None or then == now:
        return
    raise RuntimeError(
        f'the checkpoint (iteration {done}) was written by {then} '
        f'process(es) and this run has {now}: the samplers\' positions and '
        'the epoch length depend on the number of processes, so resuming '
        f'would skip or repeat samples. Resume with {then} process(es) '
        f'(e.g. bash tools/dist_train.sh CONFIG {then} --resume), or start a '
        'new run from its weights (--cfg-options load_from=CHECKPOINT)')


class _SkipThenRestore:
    """Dataloader iterator for ``IterBasedTrainLoop``'s advance past the
    iterations already trained: its first ``skip`` calls either return at
    once (``load=False``: the sampler already starts after them) or load and
    drop a batch (``load=True``: MMEngine's replay, with a progress bar);
    right after them the random states are put back to ``state``, so the
    next step draws exactly what the uninterrupted run drew."""

    def __init__(self, iterator: Iterator, skip: int, state: dict,
                 load: bool) -> None:
        self._iterator, self._skip, self._state = iterator, skip, state
        self._load = load
        self._bar = ProgressBar(skip) if load else None

    def __iter__(self) -> '_SkipThenRestore':
        return self

    def __next__(self) -> Optional[dict]:
        if self._skip <= 0:
            return next(self._iterator)
        batch = next(self._iterator) if self._load else None
        if self._bar is not None:
            self._bar.update()
        self._skip -= 1
        if self._skip == 0:
            restore_rng_state(self._state)
        return batch

    def __getattr__(self, name: str) -> object:
        return getattr(self._iterator, name)


@HOOKS.register_module()
class ExactResumeHook(Hook):
    """Make ``--resume`` continue bit-exactly (on CPU), in seconds, where a
    run stopped.

    MMEngine restores weights, optimizer, LR schedule and message hub (so the
    reviewer EMA step and TRS burn-in, which read the iteration), but
    re-seeds the random generators, and its ``IterBasedTrainLoop`` reaches
    the next batch by loading and dropping every batch already trained (a
    replay that grows with the iteration reached). This hook

    - stores the python/numpy/torch/CUDA random states and the train
      sampler's seed in every checkpoint (``rng_state``, ``sampler_seed``);
    - on resume, with a sampler that can skip (``skip_to``, e.g.
      ``LabeledUnlabeledSampler``), moves the sampler to the next batch and
      lets the loop's advance return at once: nothing is loaded; with any
      other sampler it keeps MMEngine's replay (a warning and a progress bar
      say so);
    - restores the random states right after that advance;
    - runs validation with the random states saved and put back, so that
      validating (or its interval) never changes the training randomness.

    With ``LabeledUnlabeledDataset`` each draw carries its own seed (see
    ``LabeledUnlabeledSampler``), so the data after a skip equal the data
    after a replay, with any number of workers.

    Args:
        skip_by_index (bool): skip without loading where the sampler can.
            False keeps MMEngine's replay (for comparison). Defaults to True.
    """

    priority = 'VERY_HIGH'

    def __init__(self, skip_by_index: bool = True) -> None:
        self.skip_by_index = skip_by_index
        self._loaded: Optional[dict] = None
        self._sampler_seed: Optional[int] = None
        self._world_size: Optional[int] = None
        self._before_val: Optional[dict] = None

    @staticmethod
    def _train_sampler(runner: Runner) -> Optional[object]:
        """The train dataloader's sampler (None outside training)."""
        try:
            loop = runner.train_loop
        except (AttributeError, RuntimeError):
            return None
        return getattr(getattr(loop, 'dataloader', None), 'sampler', None)

    def before_save_checkpoint(self, runner: Runner, checkpoint: dict) -> None:
        # during validation (CheckpointHook re-saves the latest checkpoint
        # when a best one is found) store the states training goes on with
        checkpoint['rng_state'] = self._before_val or capture_rng_state()
        seed = getattr(self._train_sampler(runner), 'seed', None)
        if seed is not None:
            checkpoint['sampler_seed'] = int(seed)
        checkpoint['world_size'] = get_dist_info()[1]

    def after_load_checkpoint(self, runner: Runner, checkpoint: dict) -> None:
        self._loaded = checkpoint.get('rng_state')
        self._sampler_seed = checkpoint.get('sampler_seed')
        self._world_size = checkpoint.get('world_size')

    def before_train(self, runner: Runner) -> None:
        state, self._loaded = self._loaded, None
        if state is None or runner.iter == 0:
            return  # fresh run, or weights loaded with load_from only
        check_world_size(self._world_size, get_dist_info()[1], runner.iter)
        loop = runner.train_loop
        if not hasattr(loop, 'dataloader_iterator'):
            runner.logger.warning('ExactResumeHook: the train loop is not '
                                  'iteration based; random states are not '
                                  'restored')
            return
        sampler = loop.dataloader.sampler
        skip = self.skip_by_index and hasattr(sampler, 'skip_to')
        iterator = (
            self._skipped(runner, loop.dataloader) if skip else self._replayed(
                runner, loop))
        loop.dataloader_iterator = _SkipThenRestore(
            iterator, runner.iter, state, load=not skip)

    def _skipped(self, runner: Runner, loader: DataLoader) -> Iterator:
        """A dataloader iterator whose sampler starts at the next batch."""
        sampler = loader.sampler
        if self._sampler_seed is not None:
            sampler.seed = self._sampler_seed
        sampler.skip_to(runner.iter)
        runner.logger.info(f'ExactResumeHook: the sampler starts at batch '
                           f'{runner.iter}; nothing is replayed')
        if not getattr(sampler, 'draw_seeds', True) and getattr(
                loader, 'num_workers', 0) > 0:
            runner.logger.warning(
                'ExactResumeHook: the dataset takes no draw seeds and '
                'workers load the data: augmentations after the resume '
                'differ from the uninterrupted run (use '
                'LabeledUnlabeledDataset for a bit-exact resume)')
        return iter(loader)

    def _replayed(self, runner: Runner, loop: Any) -> Iterator:
        """The loop's own iterator, which MMEngine advances by loading."""
        why = (f'{type(loop.dataloader.sampler).__name__} cannot skip by '
               'index (use LabeledUnlabeledSampler to resume at once)'
               if self.skip_by_index else 'skip_by_index=False')
        runner.logger.warning(f'ExactResumeHook: {why}; MMEngine replays the '
                              f'{runner.iter} batches already trained')
        return loop.dataloader_iterator

    def before_val(self, runner: Runner) -> None:
        self._before_val = capture_rng_state()

    def after_val(self, runner: Runner) -> None:
        if self._before_val is not None:
            restore_rng_state(self._before_val)
            self._before_val = None
