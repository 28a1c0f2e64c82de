"""Let torch's ``weights_only`` checkpoint loading accept MMEngine checkpoints.

torch >= 2.6 loads checkpoints with ``weights_only=True``: only tensors,
containers and allow-listed globals are unpickled, so a checkpoint cannot run
arbitrary code. MMEngine checkpoints also hold numpy arrays and scalars (in
``meta`` and the message hub), which fail with "Unsupported global:
numpy._core.multiarray._reconstruct". Instead of switching the protection off
with torch's environment override, allow exactly the numpy globals that
rebuild arrays, dtypes and scalars, and MMEngine's ``HistoryBuffer`` (a
data holder of the message hub) with a ``getattr`` restricted to its
statistic functions. Anything else in a checkpoint is still
refused by torch.
"""
import contextlib
import pickle
from typing import Any, Iterator

import numpy as np
import torch


def numpy_safe_globals() -> list:
    """The globals numpy arrays/scalars pickle to (numpy 1.x and 2.x)."""
    core = getattr(np, '_core', None) or np.core
    found = [
        core.multiarray._reconstruct, core.multiarray.scalar, np.ndarray,
        np.dtype
    ]
    # numpy >= 1.25 pickles dtypes through their classes (np.dtypes.*DType)
    dtypes = getattr(np, 'dtypes', None)
    if dtypes is not None:
        found += [
            getattr(dtypes, n) for n in dir(dtypes)
            if n.endswith('DType') and isinstance(getattr(dtypes, n), type)
        ]
    return found


DEFAULT_STATISTICS = {'min', 'max', 'mean', 'current'}


def history_buffer_getattr(obj: Any, name: str) -> Any:
    """Stand-in for ``getattr`` while unpickling: only resolves
    ``HistoryBuffer.<statistic>`` (``min``, ``max``, ``mean``, ``current`` or a
    registered statistic), which is how a ``HistoryBuffer`` pickles its
    ``statistics_methods``. Any other use is refused, so the builtin
    ``getattr`` (which would open a path to arbitrary code) stays blocked."""
    from mmengine.logging import HistoryBuffer
    allowed = DEFAULT_STATISTICS | set(HistoryBuffer._statistics_methods)
    if obj is HistoryBuffer and name in allowed:
        return getattr(obj, name)
    raise pickle.UnpicklingError(
        f'checkpoint refused: it asks for getattr({obj!r}, {name!r}), which '
        'is not a HistoryBuffer statistic; only allow-listed globals load '
        'with weights_only=True')


def mmengine_safe_globals() -> list:
    """MMEngine objects stored in checkpoints: the message hub keeps its
    logged scalars as ``HistoryBuffer`` objects (numpy arrays plus references
    to the class's statistic functions, pickled through ``getattr``)."""
    from mmengine.logging import HistoryBuffer
    return [
        HistoryBuffer, (history_buffer_getattr, '__builtin__.getattr'),
        (history_buffer_getattr, 'builtins.getattr')
    ]


def checkpoint_safe_globals() -> list:
    """Every global an MMEngine checkpoint needs beyond torch's own."""
    return numpy_safe_globals() + mmengine_safe_globals()


def allow_mmengine_checkpoints() -> None:
    """Add the numpy and MMEngine globals to torch's ``weights_only``
    allow-list (idempotent, process-wide, no effect on torch < 2.4)."""
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is not None:
        add(checkpoint_safe_globals())


@contextlib.contextmanager
def mmengine_checkpoints_allowed() -> Iterator[None]:
    """Within the block, ``weights_only`` loading accepts MMEngine
    checkpoints (the allow-list of :func:`checkpoint_safe_globals`); the
    process-wide allow-list is left as it was. Public functions that read a
    checkpoint use it, so they need no process-wide opt-in. On torch
    without ``safe_globals`` (< 2.5) it falls back to the process-wide
    list."""
    scoped = getattr(torch.serialization, 'safe_globals', None)
    if scoped is None:
        allow_mmengine_checkpoints()
        yield
        return
    # torch's context removes on exit what it added: add only what is not
    # allowed already (a process that opted in keeps its list)
    allowed = torch.serialization.get_safe_globals()
    with scoped([g for g in checkpoint_safe_globals() if g not in allowed]):
        yield


def load_checkpoint_file(path: str, mmap: bool = False) -> dict:
    """``torch.load(path)`` on the CPU with ``weights_only=True`` and the
    MMEngine allow-list for this call only.

    Args:
        path (str): a checkpoint file.
        mmap (bool): map the file instead of reading it. Defaults to False.

    Returns:
        dict: the checkpoint.
    """
    with mmengine_checkpoints_allowed():
        return torch.load(
            path, map_location='cpu', weights_only=True, mmap=mmap)
