"""Mixed precision on CPU: MMEngine's ``AmpOptimWrapper`` needs a GPU; this
wrapper runs the forward pass under ``torch.autocast`` on any device, in
bfloat16 by default (no loss scaling: bfloat16 keeps float32's range)."""
from contextlib import contextmanager
from typing import Iterator, Union

import torch
from mmengine.optim import OptimWrapper

from mmpose.registry import OPTIM_WRAPPERS

DTYPES = dict(bfloat16=torch.bfloat16, float16=torch.float16)


@OPTIM_WRAPPERS.register_module()
class AutocastOptimWrapper(OptimWrapper):
    """An ``OptimWrapper`` whose ``optim_context`` (the model's forward and
    losses in ``train_step``) runs under ``torch.autocast(device_type,
    dtype)``; the backward pass and the update stay in float32.

    On this project's CPU a TRS step is 0.60x the float32 step's time in
    bfloat16, its losses within 1.1 % of float32's on the first step
    (docs/benchmarks.md, 2d): an option, not the default. On CUDA prefer
    MMEngine's ``AmpOptimWrapper`` (float16 with loss scaling).

    Args:
        device_type (str): ``'cpu'`` or ``'cuda'``. Defaults to 'cpu'.
        dtype (str | torch.dtype): ``'bfloat16'`` or ``'float16'``.
            Defaults to 'bfloat16'.
        **kwargs: those of ``OptimWrapper`` (``optimizer``, ...).

    Example:
        >>> optim_wrapper = dict(type='AutocastOptimWrapper',
        ...                      optimizer=dict(type='Adam', lr=1e-3))
    """

    def __init__(self,
                 *args,
                 device_type: str = 'cpu',
                 dtype: Union[str, torch.dtype] = 'bfloat16',
                 **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(dtype, str):
            if dtype not in DTYPES:
                raise ValueError(f'dtype must be one of {sorted(DTYPES)}, '
                                 f'got {dtype!r}')
            dtype = DTYPES[dtype]
        self.device_type, self.dtype = device_type, dtype

    @contextmanager
    def optim_context(self, model: torch.nn.Module) -> Iterator[None]:
        with super().optim_context(model), torch.autocast(
                self.device_type, dtype=self.dtype):
            yield
