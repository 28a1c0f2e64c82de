"""ExactResumeHook pieces: random states round-trip through a safe
checkpoint, validation leaves them unchanged, and they are restored right
after the loop's dataloader advance (the full resume test is in
tests/test_e2e/test_exact_resume.py)."""
import random
from types import SimpleNamespace

import numpy as np
import torch

from mmpose.registry import HOOKS
from mmpose_trs.safety import (ExactResumeHook, capture_rng_state,
                               restore_rng_state)
from mmpose_trs.safety.exact_resume_hook import _RestoreAfter


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


def test_restored_after_the_skipped_batches():
    state = capture_rng_state()
    expected = _draw()
    _draw()
    it = _RestoreAfter(iter(range(10)), skip=2, state=state)
    assert next(it) == 0
    _draw()
    assert next(it) == 1  # the loop's last skipped batch: states restored
    assert _draw() == expected
    assert next(it) == 2


def test_fresh_runs_and_load_from_are_left_alone():
    hook = ExactResumeHook()
    loop = SimpleNamespace(dataloader_iterator=iter([]))
    hook.after_load_checkpoint(None, dict(rng_state=capture_rng_state()))
    hook.before_train(SimpleNamespace(iter=0, train_loop=loop))
    assert not isinstance(loop.dataloader_iterator, _RestoreAfter)
    hook.after_load_checkpoint(None, dict(rng_state=capture_rng_state()))
    hook.before_train(SimpleNamespace(iter=5, train_loop=loop))
    assert isinstance(loop.dataloader_iterator, _RestoreAfter)
