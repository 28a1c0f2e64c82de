"""Hard-view augmentations that paste content of another crop of the batch:
SSPCM's Cut-Occlude (SSCO) at the teacher's keypoints, and CutMix.

Called as the pre-affine augmentations (:mod:`.pre_affine_augs`):
``aug(images, teacher_heatmaps, heatmap_scale)`` with images [N, C, H, W]
and heatmaps [N, K, h, w]; batched on the device, no loop over samples.
"""
from typing import Optional, Tuple

import torch
from torch import Tensor

from mmpose.registry import MODELS
from ..ops.patches import choose_keypoints, other_images, paste_from
from .heatmap_frame import HeatmapScale
from .pre_affine_augs import _TeacherKeypointAug


@MODELS.register_module()
class TeacherCutOcclude(_TeacherKeypointAug):
    """SSCO (Huang et al., CVPR 2023): for each crop, ``k`` of its teacher
    keypoints are covered by patches cut around ``k`` teacher keypoints of
    another crop of the batch, each patch centred on the keypoint it covers.

    This is the placement the SSPCM paper describes (Fig. 5); the released
    code indexes rows by x and columns by y, so its patches land at
    transposed positions (docs/peer_code.md, SSPCM). Patch pixels whose
    source or destination is outside the crop are skipped.

    Args:
        k (int): keypoints covered per crop (SSPCM: 2). Defaults to 2.
        patch_size (int): patch side in input pixels (SSPCM draws half-sides
            of 10-19 px on 256x192 crops). Defaults to 32.
        score_thr (float, optional): only keypoints whose heatmap peak
            exceeds this; None (SSPCM): every keypoint. Defaults to None.
        jitter (float): std in pixels of a Gaussian shift of every keypoint
            (SSPCM: 10). Defaults to 0.
    """

    def __init__(self,
                 k: int = 2,
                 patch_size: int = 32,
                 score_thr: Optional[float] = None,
                 jitter: float = 0.) -> None:
        super().__init__(k=k, patch_size=patch_size, score_thr=score_thr)
        if jitter < 0:
            raise ValueError(f'jitter must be >= 0, got {jitter}')
        self.jitter = jitter

    def __call__(self,
                 images: Tensor,
                 heatmaps: Tensor,
                 heatmap_scale: Optional[HeatmapScale] = None) -> Tensor:
        xy, valid = self.keypoints(images, heatmaps, heatmap_scale)
        if self.jitter > 0:
            xy = xy + torch.randn_like(xy) * self.jitter
        src = other_images(images.shape[0], images.device)
        dst_idx, dst_ok = choose_keypoints(valid, self.k)
        src_idx, src_ok = choose_keypoints(valid[src], self.k)
        dst = xy.gather(1, dst_idx[..., None].expand(-1, -1, 2))
        from_xy = xy[src].gather(1, src_idx[..., None].expand(-1, -1, 2))
        return paste_from(images, src, from_xy, dst, dst_ok & src_ok,
                          self.patch_size)

    def __repr__(self):
        return (f'TeacherCutOcclude(k={self.k}, patch_size={self.patch_size}'
                f', score_thr={self.score_thr}, jitter={self.jitter})')


def box_mask(centers: Tensor, half: Tensor, height: int, width: int) -> Tensor:
    """[N, 1, H, W] bool: inside any box ``[c - half, c + half)`` of
    ``centers`` [N, m, 2] and half-sides ``half`` [N, m, 2] (x, y)."""
    lo, hi = centers - half, centers + half
    ys = torch.arange(height, device=centers.device)[:, None]
    xs = torch.arange(width, device=centers.device)[None, :]
    inside_y = (ys >= lo[..., 1, None, None]) & (ys < hi[..., 1, None, None])
    inside_x = (xs >= lo[..., 0, None, None]) & (xs < hi[..., 0, None, None])
    return (inside_y & inside_x).any(1, keepdim=True)


@MODELS.register_module()
class RandomCutMix:
    """CutMix as MultiAugs uses it on unlabeled crops: ``num`` rectangles at
    uniformly random centres, half-sides drawn per axis in
    ``[min_half, max_half)`` pixels, are replaced by the same rectangles of
    another crop of the batch. The teacher's targets are not mixed (the
    student must ignore the pasted content).

    Args:
        num (int): rectangles per crop (MultiAugs: 2). Defaults to 2.
        half_size (tuple[int, int]): ``(min_half, max_half)``; MultiAugs:
            (10, 20) on 256x192 crops. Defaults to (10, 20).
    """

    def __init__(self, num: int = 2, half_size: Tuple[int, int] = (10, 20)):
        lo, hi = half_size
        if num < 1 or not 1 <= lo < hi:
            raise ValueError('RandomCutMix needs num >= 1 and 1 <= min_half '
                             f'< max_half, got {num}, {half_size}')
        self.num = num
        self.half_size = (int(lo), int(hi))

    def __call__(self,
                 images: Tensor,
                 heatmaps: Optional[Tensor] = None,
                 heatmap_scale: Optional[HeatmapScale] = None) -> Tensor:
        n, _, h, w = images.shape
        dev = images.device
        centers = torch.rand(
            n, self.num, 2, device=dev) * torch.tensor([w, h], device=dev)
        half = torch.randint(*self.half_size, (n, self.num, 2), device=dev)
        mask = box_mask(centers.floor(), half, h, w)
        return torch.where(mask, images[other_images(n, dev)], images)

    def __repr__(self):
        return f'RandomCutMix(num={self.num}, half_size={self.half_size})'
