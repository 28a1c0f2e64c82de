"""Small operations on MMPose top-down networks shared by the estimators."""
from contextlib import contextmanager
from typing import Any, Iterator, List, Sequence

from torch import Tensor, nn


def heads_forward(net: nn.Module, x: Tensor) -> List[Tensor]:
    """Heatmap levels [N, K, h, w] of a top-down network: one for a plain
    head, one per level for a multi-level head (``forward_levels``, the final
    level last)."""
    feats = net.extract_feat(x)
    if hasattr(net.head, 'forward_levels'):
        return net.head.forward_levels(feats)
    return [net.head.forward(feats)]


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


def level_suffix(i: int, n: int) -> str:
    """``''`` for a single heatmap level, ``'_l{i}'`` for multi-level heads."""
    return '' if n == 1 else f'_l{i}'
