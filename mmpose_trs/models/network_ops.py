"""Small operations on MMPose top-down networks shared by the estimators."""
from contextlib import contextmanager
from typing import Any, Iterator, List, Sequence

import torch
from torch import Tensor, nn


def heads_forward(net: nn.Module, x: Tensor) -> List[Tensor]:
    """Outputs of a top-down network's head as a list of tensors: heatmap
    levels [N, K, h, w] (one for a plain head, one per level for a
    multi-level head, ``forward_levels``, the final level last); a SimCC
    head's x and y vectors joined [N, K, W_x + W_y]; a regression head's
    [N, K, D] (:mod:`.head_adapters`)."""
    feats = net.extract_feat(x)
    if hasattr(net.head, 'forward_levels'):
        return net.head.forward_levels(feats)
    out = net.head.forward(feats)
    if isinstance(out, (tuple, list)):  # SimCC: (x, y)
        return [torch.cat(out, -1)]
    return [out]


@contextmanager
def bn_mode(net: nn.Module, mode: str) -> Iterator[None]:
    """Run ``net`` in ``mode`` ('train'/'eval') inside the block."""
    was_training = net.training
    net.train(mode == 'train')
    try:
        yield
    finally:
        net.train(was_training)


def check_choice(name: str, value: Any, choices: Sequence) -> None:
    if value not in choices:
        raise ValueError(f'{name} must be one of {tuple(choices)}, '
                         f'got {value!r}')


@torch.no_grad()
def ema_update(reviewer: torch.nn.Module, net: torch.nn.Module,
               momentum: float) -> None:
    """``theta_r <- momentum * theta_r + (1 - momentum) * theta`` for every
    parameter and floating-point buffer (BatchNorm running statistics are
    averaged like the weights); integer buffers (``num_batches_tracked``) are
    copied. ``momentum=0`` is a full copy."""
    r_params = list(reviewer.parameters())
    n_params = list(net.parameters())
    if len(r_params) != len(n_params):
        raise RuntimeError('reviewer and network have different parameters')
    for r, p in zip(r_params, n_params):
        r.lerp_(p.detach(), 1. - momentum)
    for r, b in zip(reviewer.buffers(), net.buffers()):
        if r.dtype.is_floating_point:
            r.lerp_(b, 1. - momentum)
        else:
            r.copy_(b)
