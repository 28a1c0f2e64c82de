"""Random-number state in checkpoints, so that a resumed run continues
exactly like the uninterrupted one."""
import random
from typing import Optional

import numpy as np
import torch
from mmengine.hooks import Hook
from mmengine.runner import Runner

from mmpose.registry import HOOKS


def capture_rng_state() -> dict:
    """The global random states of python, numpy, torch (and CUDA), as
    plain python types and tensors (loadable with ``weights_only=True``)."""
    kind, keys, pos, has_gauss, gauss = np.random.get_state()
    state = dict(
        python=random.getstate(),
        torch=torch.get_rng_state(),
        numpy=(kind, keys.tolist(), pos, has_gauss, gauss))
    if torch.cuda.is_available():
        state['cuda'] = torch.cuda.get_rng_state_all()
    return state


def restore_rng_state(state: dict) -> None:
    """Inverse of :func:`capture_rng_state`."""
    random.setstate(_as_tuple(state['python']))
    kind, keys, pos, has_gauss, gauss = state['numpy']
    np.random.set_state(
        (kind, np.asarray(keys, dtype=np.uint32), pos, has_gauss, gauss))
    torch.set_rng_state(state['torch'])
    if 'cuda' in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state['cuda'])


def _as_tuple(value):
    """random.setstate needs tuples where a round trip may give lists."""
    if isinstance(value, (list, tuple)):
        return tuple(_as_tuple(v) for v in value)
    return value


class _RestoreAfter:
    """Dataloader iterator that restores ``state`` right after its first
    ``skip`` batches: the batches ``IterBasedTrainLoop`` draws to advance
    past the iterations already trained. The next batch is then drawn, and
    the next step taken, with exactly the states of the uninterrupted run."""

    def __init__(self, iterator, skip: int, state: dict) -> None:
        self._iterator, self._skip, self._state = iterator, skip, state

    def __iter__(self):
        return self

    def __next__(self):
        batch = next(self._iterator)
        self._skip -= 1
        if self._skip == 0:
            restore_rng_state(self._state)
        return batch

    def __getattr__(self, name):
        return getattr(self._iterator, name)


@HOOKS.register_module()
class ExactResumeHook(Hook):
    """Make ``--resume`` continue bit-exactly (on CPU) where a run stopped.

    MMEngine restores weights, optimizer, LR schedule, message hub (so the
    reviewer EMA step and TRS burn-in, which read the iteration) and the
    sampler position (its loop re-draws the batches already trained from a
    deterministic sampler), but re-seeds the random generators: the
    hard-view affines, Keypoint-Mix choices and data augmentations after
    resuming would differ from those of the uninterrupted run. This hook

    - stores the python/numpy/torch/CUDA random states in every checkpoint
      (``checkpoint['rng_state']``);
    - on resume, restores them right after the train loop has advanced its
      dataloader past the trained iterations;
    - runs validation with the random states saved and put back, so that
      validating (or its interval) never changes the training randomness.

    Use it with an iteration-based train loop and a sampler that is
    deterministic in its seed (``LabeledUnlabeledSampler``,
    ``InfiniteSampler``).
    """

    priority = 'VERY_HIGH'

    def __init__(self) -> None:
        self._loaded: Optional[dict] = None
        self._before_val: Optional[dict] = None

    def before_save_checkpoint(self, runner: Runner, checkpoint: dict) -> None:
        # during validation (CheckpointHook re-saves the latest checkpoint
        # when a best one is found) store the states training goes on with
        checkpoint['rng_state'] = self._before_val or capture_rng_state()

    def after_load_checkpoint(self, runner: Runner, checkpoint: dict) -> None:
        self._loaded = checkpoint.get('rng_state')

    def before_train(self, runner: Runner) -> None:
        state, self._loaded = self._loaded, None
        if state is None or runner.iter == 0:
            return  # fresh run, or weights loaded with load_from only
        loop = runner.train_loop
        if not hasattr(loop, 'dataloader_iterator'):
            runner.logger.warning('ExactResumeHook: the train loop is not '
                                  'iteration based; random states are not '
                                  'restored')
            return
        loop.dataloader_iterator = _RestoreAfter(loop.dataloader_iterator,
                                                 runner.iter, state)

    def before_val(self, runner: Runner) -> None:
        self._before_val = capture_rng_state()

    def after_val(self, runner: Runner) -> None:
        if self._before_val is not None:
            restore_rng_state(self._before_val)
            self._before_val = None
