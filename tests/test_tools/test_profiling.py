"""Measuring helpers of the benchmarks: call timing, peak memory, timed
wrappers and state sizes."""
import time

import pytest
import torch
from benchmark.profiling import CallTimer, PeakMemory, state_bytes, time_calls
from mmengine.optim import OptimWrapper


def test_time_calls_counts_warmup_apart():
    calls = []
    times = time_calls(
        lambda: (calls.append(1), time.sleep(0.01)), 3, 'cpu', warmup=2)
    assert len(calls) == 5 and len(times) == 3
    assert all(0.009 < t < 0.5 for t in times)


def test_peak_memory_sees_a_temporary_allocation():
    with PeakMemory('cpu') as big:
        x = torch.ones(64 * 2**20 // 4)  # 64 MiB, written
        del x
    if big.peak_bytes is None:
        pytest.skip('no /proc/self/clear_refs on this platform')
    assert 60 * 2**20 < big.peak_bytes < 200 * 2**20
    with PeakMemory('cpu') as small:
        torch.ones(1024)
    assert small.peak_bytes < big.peak_bytes / 4
    assert big.method == 'cpu resident set (VmHWM)'


def test_call_timer_adds_up_and_passes_results_through():
    timer = CallTimer(lambda a, b=0: (time.sleep(0.01), a + b)[1], 'cpu')
    assert timer(1, b=2) == 3 and timer(4) == 4
    # a lower bound only: sleep guarantees it, a loaded machine can only add
    assert timer.calls == 2 and timer.seconds >= 0.02


def test_state_bytes_counts_weights_and_optimizer_state():
    model = torch.nn.Linear(10, 4)  # 44 float32 parameters
    optim = OptimWrapper(torch.optim.Adam(model.parameters()))
    assert state_bytes(model) == 44 * 4
    model(torch.randn(2, 10)).sum().backward()
    optim.step()
    # Adam: exp_avg and exp_avg_sq per parameter, plus a scalar step each
    steps = sum(s['step'].numel() * s['step'].element_size()
                for s in optim.optimizer.state.values())
    assert state_bytes(model, optim) == 44 * 4 * 3 + steps
