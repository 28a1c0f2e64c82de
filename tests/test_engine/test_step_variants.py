"""Execution options of a training step: bfloat16 autocast on CPU
(AutocastOptimWrapper) and channels-last weights (ChannelsLastHook), each
against the float32, contiguous step from the same weights and data."""
import copy
from types import SimpleNamespace

import pytest
import torch
from helpers import batch, build, set_iter
from mmengine.optim import build_optim_wrapper

from mmpose.registry import HOOKS, OPTIM_WRAPPERS
from mmpose_trs.engine import AutocastOptimWrapper, ChannelsLastHook


def step(model, opt_cfg, seed=1):
    """One train_step from a copy of ``model``; its losses."""
    model = copy.deepcopy(model)
    opt = build_optim_wrapper(model, opt_cfg)
    inputs, samples = batch()
    set_iter(5)
    torch.manual_seed(seed)
    out = model.train_step(dict(inputs=inputs, data_samples=samples), opt)
    return {k: float(v.detach()) for k, v in out.items() if 'loss' in k}, model


ADAM = dict(optimizer=dict(type='Adam', lr=1e-3))


@pytest.fixture(autouse=True)
def _scope():
    from mmengine.registry import init_default_scope
    init_default_scope('mmpose')  # as a config's default_scope


def test_autocast_wrapper_runs_the_forward_in_bfloat16():
    wrapper = OPTIM_WRAPPERS.build(
        dict(
            type='AutocastOptimWrapper',
            optimizer=torch.optim.SGD(
                torch.nn.Conv2d(3, 4, 3).parameters(), lr=0.1)))
    assert isinstance(wrapper, AutocastOptimWrapper)
    conv = torch.nn.Conv2d(3, 4, 3)
    x = torch.randn(1, 3, 8, 8)
    with wrapper.optim_context(conv):
        assert conv(x).dtype == torch.bfloat16
    assert conv(x).dtype == torch.float32
    with pytest.raises(ValueError, match='dtype must be one of'):
        AutocastOptimWrapper(wrapper.optimizer, dtype='int8')


def test_bfloat16_trs_step_is_close_to_float32():
    model = build(burn_in_iters=0)
    base, _ = step(model, dict(ADAM, type='OptimWrapper'))
    bf16, trained = step(model, dict(ADAM, type='AutocastOptimWrapper'))
    assert base.keys() == bf16.keys()
    # bfloat16 keeps 8 bits of mantissa: the tiny network's small heatmap
    # losses move by up to ~10 % (the quick-start network's by 1 %:
    # docs/benchmarks.md, 2d), and autocast did engage
    for key in base:
        assert bf16[key] == pytest.approx(base[key], rel=0.2), key
    assert any(bf16[k] != base[k] for k in base)
    # the weights stay float32 (autocast casts per operation)
    assert all(p.dtype == torch.float32 for p in trained.parameters())


def test_channels_last_hook_converts_every_network_same_losses():
    model = build(burn_in_iters=0)
    base, _ = step(model, dict(ADAM, type='OptimWrapper'))
    hook = HOOKS.build(dict(type='ChannelsLastHook'))
    assert isinstance(hook, ChannelsLastHook)
    converted = copy.deepcopy(model)
    hook.before_train(SimpleNamespace(model=converted))
    convs = [
        m.weight for m in converted.modules()
        if isinstance(m, torch.nn.Conv2d) and m.weight.shape[-1] > 1
    ]
    names = {n.split('.')[0] for n, _ in converted.named_parameters()}
    assert {'net_f', 'net_g', 'reviewer_f', 'reviewer_g'} <= names
    assert convs and all(
        w.is_contiguous(memory_format=torch.channels_last) for w in convs)
    last, _ = step(converted, dict(ADAM, type='OptimWrapper'))
    for key in base:
        assert last[key] == pytest.approx(base[key], rel=1e-5), key
