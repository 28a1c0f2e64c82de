"""Heatmap losses over the levels of a (multi-level) head: one definition for
:class:`~.MultiLevelHeatmapHead` and for every semi-supervised estimator.

Symbols:
    N: batch size; K: keypoints; h, w: heatmap size; n: heatmap levels
"""
from typing import Callable, Dict, List, Optional, Sequence, Union

import torch
from torch import Tensor

from mmpose.evaluation.functional import pose_pck_accuracy
from mmpose.utils.tensor_utils import to_numpy


def level_suffix(i: int, n: int) -> str:
    """``''`` for a single heatmap level, ``'_l{i}'`` for multi-level heads."""
    return '' if n == 1 else f'_l{i}'


def match_level(targets: Sequence[Tensor], i: int, n: int) -> Tensor:
    """The target level for output level ``i`` of ``n``: final with final; a
    target with fewer levels supervises the extra output levels with its
    earliest one."""
    return targets[max(0, len(targets) - n + i)]


def level_losses(loss_fn: Callable,
                 levels: List[Tensor],
                 targets: Union[Tensor, Sequence[Tensor]],
                 key: str,
                 weights: Optional[Tensor] = None,
                 mask: Optional[Tensor] = None,
                 scale: float = 1.) -> Dict[str, Tensor]:
    """``scale * loss_fn(level, target, weights, mask)`` for every level.

    Args:
        loss_fn (callable): an MMPose heatmap loss (``KeypointMSELoss``).
        levels (list[Tensor]): ``n`` predictions [N, K, h, w], final last.
        targets (Tensor | list[Tensor]): one target [N, K, h, w] for every
            level (ground truth), or a guide's levels (see
            :func:`match_level`).
        key (str): loss name; ``{key}_l{i}`` per level when ``n > 1``.
        weights (Tensor, optional): keypoint weights [N, K].
        mask (Tensor, optional): spatial mask [N, 1 or K, h, w].
        scale (float): factor of every term.

    Returns:
        dict: ``{key + level_suffix: loss}``.
    """
    n = len(levels)
    out = {}
    for i, pred in enumerate(levels):
        target = (
            targets if isinstance(targets, Tensor) else match_level(
                targets, i, n))
        out[key +
            level_suffix(i, n)] = scale * loss_fn(pred, target, weights, mask)
    return out


def pck_accuracy(pred: Tensor, heatmaps: Tensor, weights: Tensor) -> Tensor:
    """PCK accuracy (MMPose's ``pose_pck_accuracy``) of heatmaps [N, K, h, w]
    against the ground truth, keypoints with weight > 0, as a tensor
    (heatmaps of any float type: bfloat16 under autocast too)."""
    _, acc, _ = pose_pck_accuracy(
        output=to_numpy(pred.float()),
        target=to_numpy(heatmaps.float()),
        mask=to_numpy(weights) > 0)
    return torch.tensor(acc, device=heatmaps.device)
