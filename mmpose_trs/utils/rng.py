"""The global random states (python, numpy, torch, CUDA): capture, restore,
and a block run with its own seed that leaves them as they were."""
import random
from contextlib import contextmanager
from typing import Any, Iterator

import numpy as np
import torch


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


def _as_tuple(value: Any) -> Any:
    """random.setstate needs tuples where a round trip may give lists."""
    if isinstance(value, (list, tuple)):
        return tuple(_as_tuple(v) for v in value)
    return value


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Run the block with python's, numpy's and torch's global generators
    seeded by ``seed`` (CPU only: CUDA's are left alone), and put the
    states they had before back after it."""
    before = dict(
        python=random.getstate(),
        numpy=np.random.get_state(),
        torch=torch.get_rng_state())
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    try:
        yield
    finally:
        random.setstate(before['python'])
        np.random.set_state(before['numpy'])
        torch.set_rng_state(before['torch'])
