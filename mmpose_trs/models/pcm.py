"""SSPCM's position-inconsistency pseudo-label correction (PCM, Huang et al.,
CVPR 2023), batched: no loop over samples or keypoints.

For every crop and keypoint the heatmap peaks of four teachers are compared:
the current f and g and their snapshots f', g'. Of the four pairs (f, g),
(f', g), (f, g'), (f', g') the one whose peaks lie closest is chosen (ties:
the earlier pair), and the mean of that pair's two heatmaps is the student's
pseudo-label for that keypoint.

Symbols:
    N: crops; K: keypoints; h, w: heatmap size
"""
from typing import Tuple

import torch
from torch import Tensor

from .pre_affine_augs import heatmap_keypoints

#: the four teacher pairs, in SSPCM's order: (current, previous) x (f, g)
PAIRS = (('f', 'g'), ('snapshot_f', 'g'), ('f', 'snapshot_g'), ('snapshot_f',
                                                                'snapshot_g'))


def pcm_pseudo_label(heatmaps: dict) -> Tuple[Tensor, Tensor]:
    """The corrected pseudo-label of every keypoint.

    Args:
        heatmaps (dict): ``{'f', 'g', 'snapshot_f', 'snapshot_g'}`` ->
            final-level heatmaps [N, K, h, w] on the same crops, or, in
            keypoint space (:mod:`.keypoint_step`), decoded keypoints with
            scores [N, K, 3].

    Returns:
        tuple: the pseudo-label (heatmaps [N, K, h, w], or keypoints and
        scores [N, K, 3]: the chosen pair's mean) and the index [N, K] of
        the chosen pair in :data:`PAIRS`.
    """
    peaks = {name: _peaks(hm) for name, hm in heatmaps.items()}
    dist = torch.stack([(peaks[a] - peaks[b]).norm(dim=-1)
                        for a, b in PAIRS])  # [4, N, K]
    choice = dist.argmin(0)  # first minimum: the earlier pair on ties
    means = torch.stack([(heatmaps[a] + heatmaps[b]) / 2.
                         for a, b in PAIRS])  # [4, N, K, ...]
    extra = (1, ) * (means.dim() - 3)
    index = choice.view(1, *choice.shape, *extra).expand(1, *means.shape[1:])
    return means.gather(0, index)[0], choice


def _peaks(pred: Tensor) -> Tensor:
    """Keypoints [N, K, 2] of heatmaps [N, K, h, w] (argmax, heatmap
    cells) or of decoded keypoints [N, K, 3]."""
    if pred.dim() == 3:
        return pred[..., :2]
    return heatmap_keypoints(pred, (1., 1.))[0]


def score_mask(heatmaps_f: Tensor,
               heatmaps_g: Tensor,
               thr: float = 0.1) -> Tensor:
    """SSPCM's keypoint weights [N, K]: 1 where the mean of the two current
    teachers' peak values (keypoint space: their scores) exceeds ``thr``,
    else 0."""
    if heatmaps_f.dim() == 3:
        peak = (heatmaps_f[..., 2] + heatmaps_g[..., 2]) / 2
    else:
        peak = (heatmaps_f.flatten(2).amax(2) +
                heatmaps_g.flatten(2).amax(2)) / 2
    return (peak > thr).to(heatmaps_f.dtype)
