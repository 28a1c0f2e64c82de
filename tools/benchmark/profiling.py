"""Measuring helpers for the benchmarks: wall-clock time of repeated calls,
peak memory of a block, and the time spent inside chosen callables.

On CUDA every measurement synchronizes the device; on CPU peak memory is the
growth of the process's resident set (Linux ``VmHWM``, reset through
``/proc/self/clear_refs``), which is what a user's machine has to hold.
"""
import ctypes
import time
from typing import Callable, List, Optional

import torch


def synchronize(device) -> None:
    """Wait for the queued kernels of a CUDA ``device``; no-op on CPU."""
    if torch.device(device).type == 'cuda':
        torch.cuda.synchronize(device)


def time_calls(fn: Callable,
               iters: int,
               device,
               warmup: int = 0) -> List[float]:
    """Seconds of each of ``iters`` calls of ``fn()``, after ``warmup``
    untimed calls."""
    for _ in range(warmup):
        fn()
    synchronize(device)
    times = []
    for _ in range(iters):
        start = time.perf_counter()
        fn()
        synchronize(device)
        times.append(time.perf_counter() - start)
    return times


def _status_kib(field: str) -> Optional[int]:
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith(field + ':'):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _trim_heap() -> None:
    """Give freed heap pages back to the system (glibc), so that memory an
    earlier measurement freed does not hide the next one's growth."""
    try:
        ctypes.CDLL('libc.so.6').malloc_trim(0)
    except (OSError, AttributeError):
        pass


class PeakMemory:
    """Peak memory a block adds over what was in use when it started.

    Usage::

        with PeakMemory('cuda') as mem:
            step()
        mem.peak_bytes  # None where the platform cannot measure it

    ``method`` says what was measured: ``'cuda max_memory_allocated'`` or
    ``'cpu resident set (VmHWM)'``.
    """

    def __init__(self, device) -> None:
        self.device = torch.device(device)
        self.peak_bytes: Optional[int] = None
        self.method = ('cuda max_memory_allocated' if self.device.type
                       == 'cuda' else 'cpu resident set (VmHWM)')
        self._base = 0

    def __enter__(self):
        if self.device.type == 'cuda':
            synchronize(self.device)
            torch.cuda.reset_peak_memory_stats(self.device)
            self._base = torch.cuda.memory_allocated(self.device)
            return self
        _trim_heap()
        self._base = _status_kib('VmRSS')
        try:
            with open('/proc/self/clear_refs', 'w') as f:
                f.write('5')  # reset VmHWM to the current resident set
        except OSError:
            self._base = None
        return self

    def __exit__(self, *exc) -> None:
        if self.device.type == 'cuda':
            synchronize(self.device)
            self.peak_bytes = (
                torch.cuda.max_memory_allocated(self.device) - self._base)
        elif self._base is not None:
            self.peak_bytes = (_status_kib('VmHWM') - self._base) * 1024


class CallTimer:
    """Wrap a callable and add up the seconds spent in its calls (device
    synchronized before and after each call).

    Args:
        fn (callable): the callable to time.
        device: the device its work runs on.
    """

    def __init__(self, fn: Callable, device) -> None:
        self.fn, self.device = fn, device
        self.seconds, self.calls = 0., 0

    def __call__(self, *args, **kwargs):
        synchronize(self.device)
        start = time.perf_counter()
        out = self.fn(*args, **kwargs)
        synchronize(self.device)
        self.seconds += time.perf_counter() - start
        self.calls += 1
        return out


def state_bytes(model: torch.nn.Module, optim_wrapper=None) -> int:
    """Bytes of a model's parameters and buffers plus its optimizer state."""
    total = sum(t.numel() * t.element_size()
                for t in model.state_dict().values())
    if optim_wrapper is not None:
        for per_param in optim_wrapper.optimizer.state.values():
            total += sum(v.numel() * v.element_size()
                         for v in per_param.values()
                         if isinstance(v, torch.Tensor))
    return total
