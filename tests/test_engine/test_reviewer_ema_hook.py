"""ReviewerEMAHook: copy during burn-in, EMA after, warm-up, errors."""
from types import SimpleNamespace

import pytest
import torch
from helpers import build

from mmpose.registry import HOOKS
from mmpose_trs.engine import ReviewerEMAHook


def _runner(model, it):
    return SimpleNamespace(model=model, iter=it)


def test_registered():
    assert HOOKS.get('ReviewerEMAHook') is ReviewerEMAHook


def test_momentum_schedule():
    hook = ReviewerEMAHook(momentum=0.99)
    assert hook.momentum_at(0, 0) == 0.
    assert hook.momentum_at(1, 0) == 0.99
    assert hook.momentum_at(4, 5) == 0. and hook.momentum_at(5, 5) == 0.99
    warm = ReviewerEMAHook(momentum=0.99, warmup=10)
    assert warm.momentum_at(5, 5) == pytest.approx(1 / 10)
    assert warm.momentum_at(1000, 5) == 0.99


def test_after_train_iter_copies_then_averages():
    model = build(burn_in_iters=2)
    hook = ReviewerEMAHook(momentum=0.5)
    hook.before_train(_runner(model, 0))
    with torch.no_grad():
        for p in model.net_f.parameters():
            p.fill_(1.)
    hook.after_train_iter(_runner(model, 1), 1)  # burn-in: copy
    assert all(torch.all(p == 1.) for p in model.reviewer_f.parameters())
    with torch.no_grad():
        for p in model.net_f.parameters():
            p.fill_(3.)
    hook.after_train_iter(_runner(model, 2), 2)  # 0.5 * 1 + 0.5 * 3
    assert all(
        torch.allclose(p, torch.full_like(p, 2.))
        for p in model.reviewer_f.parameters())
    # BN running statistics are averaged too
    bn_r, bn_n = model.reviewer_g.backbone.bn1, model.net_g.backbone.bn1
    assert torch.allclose(bn_r.running_var, bn_n.running_var)


def test_needs_reviewers_and_valid_momentum():
    with pytest.raises(ValueError, match='momentum'):
        ReviewerEMAHook(momentum=1.0)
    with pytest.raises(RuntimeError, match='reviewers'):
        ReviewerEMAHook().before_train(_runner(build(use_reviewers=False), 0))
