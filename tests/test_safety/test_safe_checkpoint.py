"""Checkpoint loading keeps torch's weights_only protection: MMEngine
checkpoints load, tampered ones are refused."""
import os
import pickle

import numpy as np
import pytest
import torch
from mmengine.logging import HistoryBuffer
from mmengine.runner import load_checkpoint

import mmpose_trs  # noqa: F401  (allow-lists the needed globals)
from mmpose_trs.safety.safe_checkpoint import history_buffer_getattr


class _Evil:
    """Unpickling this would run a shell command."""

    def __reduce__(self):
        return (os.system, ('echo pwned', ))


def test_mmengine_style_checkpoint_loads_with_weights_only(tmp_path):
    buf = HistoryBuffer()
    buf.update(1.5)
    ckpt = dict(
        state_dict=dict(w=torch.ones(2)),
        meta=dict(seed=np.int64(3), sigmas=np.ones(3)),
        message_hub=dict(log_scalars=dict(loss=buf)))
    path = tmp_path / 'ok.pth'
    torch.save(ckpt, path)
    out = torch.load(path, weights_only=True)
    assert out['meta']['seed'] == 3
    assert np.array_equal(out['meta']['sigmas'], np.ones(3))
    assert out['message_hub']['log_scalars']['loss'].current() == 1.5


def test_tampered_checkpoint_is_refused(tmp_path):
    path = tmp_path / 'evil.pth'
    torch.save(dict(state_dict=dict(w=torch.ones(1)), meta=_Evil()), path)
    with pytest.raises(pickle.UnpicklingError, match='system'):
        torch.load(path, weights_only=True)
    model = torch.nn.Linear(1, 1)
    with pytest.raises(pickle.UnpicklingError):
        load_checkpoint(model, str(path))


def test_restricted_getattr_only_serves_history_buffer():
    assert history_buffer_getattr(HistoryBuffer, 'mean') is HistoryBuffer.mean
    with pytest.raises(pickle.UnpicklingError, match='refused'):
        history_buffer_getattr(os, 'system')
    with pytest.raises(pickle.UnpicklingError, match='refused'):
        history_buffer_getattr(HistoryBuffer, '__init__')
