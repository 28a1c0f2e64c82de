"""ExactResumeHook pieces: random states round-trip through a safe
checkpoint, validation leaves them unchanged, and they are restored right
after the loop's dataloader advance (the full resume test is in
tests/test_e2e/test_exact_resume.py)."""
import random
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from mmpose.registry import HOOKS
from mmpose_trs.safety import ExactResumeHook
from mmpose_trs.safety.exact_resume_hook import _SkipThenRestore
from mmpose_trs.utils.rng import capture_rng_state, restore_rng_state


def _draw():
    return (random.random(), float(np.random.rand()), float(torch.rand(1)))


def test_round_trip_through_a_weights_only_checkpoint(tmp_path):
    torch.manual_seed(3)
    np.random.seed(3)
    random.seed(3)
    _draw()
    torch.save(dict(rng_state=capture_rng_state()), tmp_path / 'c.pth')
    expected = [_draw() for _ in range(3)]
    state = torch.load(tmp_path / 'c.pth', weights_only=True)['rng_state']
    restore_rng_state(state)
    assert [_draw() for _ in range(3)] == expected


def test_validation_does_not_move_the_training_states():
    hook = ExactResumeHook()
    assert HOOKS.get('ExactResumeHook') is ExactResumeHook
    state = capture_rng_state()
    expected = _draw()
    restore_rng_state(state)
    hook.before_val(None)
    _draw()  # what validation would consume
    checkpoint = {}
    hook.before_save_checkpoint(None, checkpoint)  # best-ckpt re-save
    hook.after_val(None)
    assert _draw() == expected
    restore_rng_state(checkpoint['rng_state'])
    assert _draw() == expected


class _Loader:
    """A dataloader stand-in over ``range(n)`` whose sampler may skip."""

    def __init__(self, sampler):
        self.sampler = sampler

    def __iter__(self):
        return iter(range(getattr(self.sampler, 'start', 0), 100))


class _SkippingSampler:
    seed = 3

    def skip_to(self, batch):
        self.start = batch


def _runner(it, loader):
    loop = SimpleNamespace(dataloader=loader, dataloader_iterator=iter([]))
    logger = SimpleNamespace(info=lambda *a: None, warning=lambda *a: None)
    return SimpleNamespace(iter=it, train_loop=loop, logger=logger)


@pytest.mark.parametrize('load', [False, True])
def test_restored_after_the_skipped_batches(load):
    state = capture_rng_state()
    expected = _draw()
    _draw()
    it = _SkipThenRestore(iter(range(10)), skip=2, state=state, load=load)
    assert next(it) == (0 if load else None)
    _draw()
    assert next(it) == (1 if load else None)  # states restored here
    assert _draw() == expected
    assert next(it) == (2 if load else 0)


def test_a_sampler_that_skips_is_moved_and_nothing_is_loaded():
    hook = ExactResumeHook()
    sampler = _SkippingSampler()
    runner = _runner(5, _Loader(sampler))
    hook.after_load_checkpoint(
        None, dict(rng_state=capture_rng_state(), sampler_seed=11))
    hook.before_train(runner)
    assert sampler.start == 5 and sampler.seed == 11  # the run's own seed
    it = runner.train_loop.dataloader_iterator
    assert [next(it) for _ in range(5)] == [None] * 5  # the loop's advance
    assert next(it) == 5  # the first new batch
    checkpoint = {}
    hook.before_save_checkpoint(runner, checkpoint)
    assert checkpoint['sampler_seed'] == 11


def test_other_samplers_keep_the_replay():
    hook = ExactResumeHook()
    runner = _runner(3, _Loader(object()))
    runner.train_loop.dataloader_iterator = iter(range(10))
    hook.after_load_checkpoint(None, dict(rng_state=capture_rng_state()))
    hook.before_train(runner)
    it = runner.train_loop.dataloader_iterator
    assert [next(it) for _ in range(4)] == [0, 1, 2, 3]


def test_fresh_runs_and_load_from_are_left_alone():
    hook = ExactResumeHook()
    runner = _runner(0, _Loader(_SkippingSampler()))
    before = runner.train_loop.dataloader_iterator
    hook.after_load_checkpoint(None, dict(rng_state=capture_rng_state()))
    hook.before_train(runner)
    assert runner.train_loop.dataloader_iterator is before
    hook.before_train(_runner(5, _Loader(_SkippingSampler())))  # no load
    assert runner.train_loop.dataloader_iterator is before
