"""Accuracy of heatmap targets against hidden keypoints, in the hard frame.

A target heatmap's keypoint is its argmax, in image pixels (heatmap cell
``u`` is image pixel ``u * s``, the MSRA convention of
:mod:`mmpose_trs.models.heatmap_frame`). A hidden keypoint counts when it is
labeled (visibility 1 or 2), inside the hard view and where the target mask
is on (elsewhere the hard view shows what the easy view did not).

Symbols:
    N: crops; K: keypoints; h, w: heatmap size
"""
from typing import Dict, Tuple

import torch
from torch import Tensor

from ..models.hard_view import points_to_hard
from ..models.pre_affine_augs import heatmap_keypoints

#: visibility groups: all labeled keypoints, visible (2), occluded (1)
GROUPS = dict(all=(1, 2), vis=(2, ), occ=(1, ))


def target_points(targets: Tensor, heatmap_scale: Tuple[float,
                                                        float]) -> Tensor:
    """Keypoints [N, K, 2] of targets: heatmaps [N, K, h, w] (their peaks)
    or keypoints [N, K, 2+] (keypoint-space targets) as they are."""
    if targets.dim() == 3:
        return targets[..., :2]
    return heatmap_keypoints(targets, heatmap_scale)[0]


def judged(points: Tensor, visible: Tensor, mask: Tensor,
           heatmap_scale: Tuple[float, float]) -> Tensor:
    """[N, K] bool: labeled, inside the hard view and under the mask."""
    _, _, h, w = mask.shape
    sx, sy = heatmap_scale
    u = torch.round(points[..., 0] / sx).long()
    v = torch.round(points[..., 1] / sy).long()
    inside = (u >= 0) & (u < w) & (v >= 0) & (v < h)
    n_idx = torch.arange(points.shape[0], device=points.device)[:, None]
    on = mask[n_idx, 0, v.clamp(0, h - 1), u.clamp(0, w - 1)] > 0
    return (visible > 0) & inside & on


def hard_truth(points: Tensor, visible: Tensor, box_size: Tensor,
               matrix: Tensor, mask: Tensor,
               heatmap_scale: Tuple[float, float]) -> Dict[str, Tensor]:
    """The hidden truth in a student's hard frame.

    Args:
        points (Tensor): [N, K, 2] easy-view pixels.
        visible (Tensor): [N, K] COCO visibility.
        box_size (Tensor): [N] person box side in easy-view pixels.
        matrix (Tensor): [N, 3, 3] the hard view's inverse pixel maps.
        mask (Tensor): [N, 1, h, w] the target mask.

    Returns:
        dict: ``points`` [N, K, 2], ``visible`` [N, K], ``judged`` [N, K]
        and ``box`` [N] (the box side in hard-view pixels: the zoom of the
        affine is ``sqrt(det)`` of its inverse map).
    """
    hard = points_to_hard(points, matrix)
    zoom = torch.linalg.det(matrix[:, :2, :2]).abs().sqrt()
    return dict(
        points=hard,
        visible=visible,
        judged=judged(hard, visible, mask, heatmap_scale),
        box=box_size / zoom)


def target_accuracy(heatmaps: Tensor, truth: Dict[str, Tensor],
                    heatmap_scale: Tuple[float, float],
                    thr: float) -> Dict[str, float]:
    """PCK at ``thr`` of the box size and mean error in pixels of targets
    (heatmaps [N, K, h, w] or keypoints [N, K, 2]), per visibility group,
    with the keypoint counts (``pck_<group>``, ``err_<group>``,
    ``n_<group>``; a group without keypoints has no pck or err)."""
    err = (target_points(heatmaps, heatmap_scale) -
           truth['points']).norm(dim=-1)
    hit = err <= thr * truth['box'][:, None]
    out = {}
    for group, levels in GROUPS.items():
        sel = truth['judged'] & _isin(truth['visible'], levels)
        count = int(sel.sum())
        out[f'n_{group}'] = count
        if count:
            out[f'pck_{group}'] = float(hit[sel].float().mean())
            out[f'err_{group}'] = float(err[sel].mean())
    return out


def agreement(a: Tensor, b: Tensor, truth: Dict[str, Tensor],
              heatmap_scale: Tuple[float, float], thr: float) -> float:
    """Share of judged keypoints where the peaks of targets ``a`` and ``b``
    [N, K, h, w] lie within ``thr`` of the box size of each other (NaN
    without judged keypoints)."""
    dist = (target_points(a, heatmap_scale) -
            target_points(b, heatmap_scale)).norm(dim=-1)
    sel = truth['judged']
    if not bool(sel.any()):
        return float('nan')
    near = dist <= thr * truth['box'][:, None]
    return float(near[sel].float().mean())


def _isin(visible: Tensor, levels) -> Tensor:
    out = torch.zeros_like(visible, dtype=torch.bool)
    for level in levels:
        out |= visible == level
    return out
