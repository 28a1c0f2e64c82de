"""Pre-affine augmentations: applied to the easy view before the hard-view
affine, at the teacher's predicted keypoints
(``TRSPoseEstimator(pre_affine_aug=...)``).

Each is called as ``aug(images, teacher_heatmaps, heatmap_scale)`` with
images [N, C, H, W] (normalised), the teacher's final-level heatmaps
[N, K, h, w] of the same images and the codec's image pixels per heatmap pixel
``(s_x, s_y)`` (:mod:`.heatmap_frame`), and returns new images
[N, C, H, W]. Keypoint-Mix is the paper's; Cutout and Joint Cutout (Xie et
al.) are the alternatives of Table IX.
"""
from typing import Optional, Tuple

import torch
from torch import Tensor

from mmpose.registry import MODELS
from ..ops.patches import choose_keypoints, fill_patches, keypoint_mix
from .heatmap_frame import HeatmapScale, shape_heatmap_scale


def heatmap_keypoints(heatmaps: Tensor,
                      heatmap_scale: HeatmapScale) -> Tuple[Tensor, Tensor]:
    """Argmax keypoints of heatmaps [N, K, h, w] in image pixels [N, K, 2]
    (``x = u * s``, ``s = heatmap_scale``, the codec's convention) and their
    scores [N, K]."""
    w = heatmaps.shape[-1]
    score, idx = heatmaps.flatten(2).max(2)
    xy = torch.stack([idx % w, idx // w], -1).to(heatmaps.dtype)
    return xy * xy.new_tensor(heatmap_scale), score


class _TeacherKeypointAug:
    """Common part: confident teacher keypoints in image pixels.

    Args:
        k (int): keypoints used per image (paper: 5). Defaults to 5.
        patch_size (int): patch side in input pixels. Defaults to 16.
        score_thr (float, optional): only keypoints whose heatmap peak
            exceeds this are used; None: every keypoint (Xie et al.'s Joint
            Cutout). Defaults to 0.1.
    """

    def __init__(self,
                 k: int = 5,
                 patch_size: int = 16,
                 score_thr: Optional[float] = 0.1) -> None:
        if k < 1 or patch_size < 1:
            raise ValueError(f'k and patch_size must be >= 1, got {k}, '
                             f'{patch_size}')
        self.k = k
        self.patch_size = patch_size
        self.score_thr = score_thr

    def keypoints(self,
                  images: Tensor,
                  heatmaps: Tensor,
                  heatmap_scale: Optional[HeatmapScale] = None):
        """Keypoints [N, K, 2] in image pixels and the mask [N, K] of those
        eligible: every keypoint when ``score_thr`` is None."""
        xy, score = heatmap_keypoints(
            heatmaps, heatmap_scale or shape_heatmap_scale(images, heatmaps))
        if self.score_thr is None:
            return xy, torch.ones_like(score, dtype=torch.bool)
        return xy, score > self.score_thr

    def __repr__(self):
        return (f'{type(self).__name__}(k={self.k}, patch_size='
                f'{self.patch_size}, score_thr={self.score_thr})')


@MODELS.register_module()
class TeacherKeypointMix(_TeacherKeypointAug):
    """Keypoint-Mix at the teacher's keypoints (see :func:`keypoint_mix`):
    ``k`` confident keypoints mixed per image. Arguments as
    :class:`_TeacherKeypointAug`."""

    def __call__(self,
                 images: Tensor,
                 heatmaps: Tensor,
                 heatmap_scale: Optional[HeatmapScale] = None) -> Tensor:
        xy, valid = self.keypoints(images, heatmaps, heatmap_scale)
        return keypoint_mix(images, xy, valid, self.k, self.patch_size)[0]


@MODELS.register_module()
class TeacherJointCutout(_TeacherKeypointAug):
    """Joint Cutout (Xie et al.): blank a patch around ``k`` random confident
    teacher keypoints (0 in the normalised image, i.e. the mean colour).
    Arguments as :class:`_TeacherKeypointAug`."""

    def __call__(self,
                 images: Tensor,
                 heatmaps: Tensor,
                 heatmap_scale: Optional[HeatmapScale] = None) -> Tensor:
        xy, valid = self.keypoints(images, heatmaps, heatmap_scale)
        idx, chosen = choose_keypoints(valid, self.k)
        centers = xy.gather(1, idx[..., None].expand(-1, -1, 2))
        return fill_patches(images, centers, chosen, self.patch_size)


@MODELS.register_module()
class RandomCutout:
    """Cutout: blank ``num`` patches at uniformly random places.

    Args:
        num (int): patches per image. Defaults to 1.
        patch_size (int): patch side in pixels. Defaults to 16.
    """

    def __init__(self, num: int = 1, patch_size: int = 16):
        if num < 1 or patch_size < 1:
            raise ValueError(f'num and patch_size must be >= 1, got {num}, '
                             f'{patch_size}')
        self.num = num
        self.patch_size = patch_size

    def __call__(self,
                 images: Tensor,
                 heatmaps: Optional[Tensor] = None,
                 heatmap_scale: Optional[HeatmapScale] = None) -> Tensor:
        n, _, h, w = images.shape
        centers = torch.rand(n, self.num, 2, device=images.device)
        centers = centers * centers.new_tensor([w - 1, h - 1])
        use = torch.ones(n, self.num, dtype=torch.bool, device=images.device)
        return fill_patches(images, centers, use, self.patch_size)

    def __repr__(self):
        return f'RandomCutout(num={self.num}, patch_size={self.patch_size})'


# the earlier names, so that configs written with them still build
PREVIOUS_NAMES = dict(
    KeypointMixAug=TeacherKeypointMix,
    JointCutoutAug=TeacherJointCutout,
    CutoutAug=RandomCutout)
for _name, _cls in PREVIOUS_NAMES.items():
    MODELS.register_module(name=_name, module=_cls)
