"""NetworksEMAHook: RTMPose's EMA over net_f and net_g only; the reviewers
are never averaged by it, and what it swaps and saves is the networks'."""
from types import SimpleNamespace

import pytest
import torch
from helpers import build

from mmpose_trs.engine import NetworksEMAHook


@pytest.fixture(autouse=True)
def _scope():
    from mmpose.utils import register_all_modules
    register_all_modules()  # RTMPose's ExpMomentumEMA is MMPose's


def runner_of(model, it=0):
    return SimpleNamespace(model=model, iter=it, epoch=0)


def hook():
    return NetworksEMAHook(
        ema_type='ExpMomentumEMA', momentum=0.5, update_buffers=True)


def test_averages_the_trained_networks_and_never_a_reviewer():
    model = build()
    h = hook()
    h.before_run(runner_of(model))
    averaged = dict(h.ema_model.module.named_parameters())
    assert averaged and all(
        k.startswith(('net_f.', 'net_g.')) for k in averaged)
    n_trained = sum(1 for n, _ in model.named_parameters()
                    if n.startswith(('net_f.', 'net_g.')))
    assert len(averaged) == n_trained
    reviewers = {
        k: v.clone()
        for k, v in model.state_dict().items() if k.startswith('reviewer')
    }
    h.after_train_iter(runner_of(model, 1), 0)  # the first copies
    with torch.no_grad():  # a "training step" of f and g
        for p in model.net_f.parameters():
            p.add_(1.)
    h.after_train_iter(runner_of(model, 2), 0)
    key = 'net_f.head.final_layer.weight'
    live = model.state_dict()[key].clone()
    ema = h.ema_model.module.state_dict()[key].clone()
    assert not torch.equal(ema, live)  # an average, behind the live weights
    # validation swaps the average into f; the reviewers stay as they were
    h.before_val_epoch(runner_of(model))
    assert torch.equal(model.state_dict()[key], ema)
    for k, v in reviewers.items():
        assert torch.equal(model.state_dict()[k], v), k
    h.after_val_epoch(runner_of(model))
    assert torch.equal(model.state_dict()[key], live)


def test_checkpoint_keys_are_the_models():
    model = build()
    h = hook()
    h.before_run(runner_of(model))
    checkpoint = dict(state_dict=dict(model.state_dict()))
    h.before_save_checkpoint(runner_of(model), checkpoint)
    keys = [k for k in checkpoint['ema_state_dict'] if k != 'steps']
    assert keys and all(
        k.startswith(('module.net_f.', 'module.net_g.')) for k in keys)
    assert all(k[len('module.'):] in checkpoint['state_dict'] for k in keys)


def test_refuses_a_plain_model():
    with pytest.raises(TypeError, match='use EMAHook'):
        hook().before_run(runner_of(torch.nn.Linear(2, 2)))
