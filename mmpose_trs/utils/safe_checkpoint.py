"""Let torch's ``weights_only`` checkpoint loading accept MMEngine checkpoints.

torch >= 2.6 loads checkpoints with ``weights_only=True``: only tensors,
containers and allow-listed globals are unpickled, so a checkpoint cannot run
arbitrary code. MMEngine checkpoints also hold numpy arrays and scalars (in
``meta`` and the message hub), which fail with "Unsupported global:
numpy._core.multiarray._reconstruct". Instead of switching the protection off
(``TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1``), allow exactly the numpy globals that
rebuild arrays, dtypes and scalars. Anything else in a checkpoint is still
refused by torch.
"""
import numpy as np
import torch


def numpy_safe_globals() -> list:
    """The globals numpy arrays/scalars pickle to (numpy 1.x and 2.x)."""
    core = getattr(np, '_core', None) or np.core
    found = [core.multiarray._reconstruct, core.multiarray.scalar, np.ndarray,
             np.dtype]
    # numpy >= 1.25 pickles dtypes through their classes (np.dtypes.*DType)
    dtypes = getattr(np, 'dtypes', None)
    if dtypes is not None:
        found += [getattr(dtypes, n) for n in dir(dtypes)
                  if n.endswith('DType') and isinstance(getattr(dtypes, n),
                                                        type)]
    return found


def allow_mmengine_checkpoints() -> None:
    """Add the numpy globals to torch's ``weights_only`` allow-list
    (idempotent, process-wide, no effect on torch < 2.4)."""
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is not None:
        add(numpy_safe_globals())
