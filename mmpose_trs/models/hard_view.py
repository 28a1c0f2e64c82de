"""The hard view of an unlabeled batch: one random affine per sample.

The easy view is the pipeline's top-down crop. The hard view is made on the
device by one more random rotation/scale ``A`` about the crop centre, applied
to the image batch with ``affine_grid``/``grid_sample``. The teacher's heatmaps
are warped by the same ``A`` (expressed at the heatmap resolution), so targets
and hard view agree exactly; target pixels that ``A`` brings in from outside
the easy view get weight zero.

Coordinates follow MMPose's codecs: pixel centres are integer coordinates and a
point at image pixel ``x`` lies at heatmap coordinate ``x / s``, with ``s`` the
codec's image pixels per heatmap pixel (:mod:`.heatmap_frame`: ``W / w`` for
MSRA and Megvii heatmaps, ``(W - 1) / (w - 1)`` for UDP).

Symbols:
    N: batch size; C: image channels; K: keypoints
    H, W: image size; h, w: heatmap size
"""
import math
from typing import List, Optional, Tuple, Union

import torch
import torch.nn.functional as F
from torch import Tensor

from mmpose.registry import MODELS
from .heatmap_frame import HeatmapScale, shape_heatmap_scale


def _normalizer(width: int, height: int, ref: Tensor) -> Tensor:
    """3x3 map from pixel coordinates to ``grid_sample`` coordinates
    (``align_corners=False``): ``x_n = (2x + 1) / W - 1``."""
    return ref.new_tensor([[2. / width, 0., 1. / width - 1.],
                           [0., 2. / height, 1. / height - 1.], [0., 0., 1.]])


def pixel_affine(angle: Tensor, scale: Tensor, width: int,
                 height: int) -> Tensor:
    """Inverse maps (output pixel -> input pixel) of rotations by ``angle``
    (radians) and zooms by ``1 / scale`` about the image centre.

    ``x_in = scale * R(angle) (x_out - c) + c`` with
    ``c = ((W-1)/2, (H-1)/2)``: ``scale > 1`` shrinks the content, as
    MMPose's box scale does.

    Returns:
        Tensor: [N, 3, 3] homogeneous matrices.
    """
    cos, sin = torch.cos(angle) * scale, torch.sin(angle) * scale
    c = angle.new_tensor([(width - 1) / 2., (height - 1) / 2.])
    mat = torch.zeros(
        angle.shape[0], 3, 3, device=angle.device, dtype=angle.dtype)
    mat[:, 0, 0], mat[:, 0, 1] = cos, -sin
    mat[:, 1, 0], mat[:, 1, 1] = sin, cos
    mat[:, :2, 2] = c - (mat[:, :2, :2] @ c)
    mat[:, 2, 2] = 1.
    return mat


def rescale_affine(mat: Tensor, factor_x: float, factor_y: float) -> Tensor:
    """The same geometric map in coordinates scaled by ``factor``
    (e.g. image -> heatmap: ``u = x * w / W``): ``S M S^-1``."""
    s = mat.new_tensor([factor_x, factor_y, 1.])
    return s[:, None] * mat / s[None, :]


def points_to_hard(points: Tensor, mat: Tensor) -> Tensor:
    """Easy-view pixels [N, K, 2] to the hard view's, given the hard view's
    inverse pixel maps [N, 3, 3] (hard -> easy, :func:`pixel_affine`)."""
    ones = points.new_ones(points.shape[:-1] + (1, ))
    homo = torch.cat([points, ones], -1)
    return (homo @ torch.linalg.inv(mat).transpose(1, 2))[..., :2]


def warp(x: Tensor, mat: Tensor) -> Tensor:
    """Warp [N, C, H, W] by pixel-space inverse maps [N, 3, 3] (bilinear,
    zeros outside)."""
    n, _, height, width = x.shape
    norm = _normalizer(width, height, mat)
    theta = norm @ mat @ torch.linalg.inv(norm)
    grid = F.affine_grid(
        theta[:, :2].to(x.dtype), list(x.shape), align_corners=False)
    return F.grid_sample(
        x, grid, mode='bilinear', padding_mode='zeros', align_corners=False)


@MODELS.register_module()
class HardViewAffine:
    """Random rotation/scale of a batch and of its heatmap targets.

    Defaults are Xie et al.'s: scale ``clip(N(1, sf), 1 - sf, 1 + sf)``,
    rotation ``clip(N(0, rf), -2 rf, 2 rf)`` degrees with probability
    ``rot_prob``, else 0.

    Args:
        rot_factor (float): rotation std in degrees. Defaults to 30.
        scale_factor (float): scale std. Defaults to 0.25.
        rot_prob (float): probability of a rotation. Defaults to 0.8.
    """

    def __init__(self,
                 rot_factor: float = 30.,
                 scale_factor: float = 0.25,
                 rot_prob: float = 0.8):
        if rot_factor < 0 or scale_factor < 0 or not 0 <= rot_prob <= 1:
            raise ValueError('HardViewAffine needs rot_factor >= 0, '
                             'scale_factor >= 0 and 0 <= rot_prob <= 1, got '
                             f'{rot_factor}, {scale_factor}, {rot_prob}')
        self.rot_factor = rot_factor
        self.scale_factor = scale_factor
        self.rot_prob = rot_prob
        self.last_matrix = self.last_heatmap_scale = None

    def sample(self, n: int,
               device: Union[str, torch.device]) -> Tuple[Tensor, Tensor]:
        """Draw (angle [N] in radians, scale [N]) on ``device``."""
        sf, rf = self.scale_factor, self.rot_factor
        scale = (torch.randn(n, device=device) * sf + 1).clamp(1 - sf, 1 + sf)
        deg = (torch.randn(n, device=device) * rf).clamp(-2 * rf, 2 * rf)
        deg = torch.where(
            torch.rand(n, device=device) < self.rot_prob, deg,
            torch.zeros_like(deg))
        return deg * (math.pi / 180.), scale

    def __call__(
        self,
        images: Tensor,
        heatmaps: List[Tensor],
        heatmap_scale: Optional[HeatmapScale] = None
    ) -> Tuple[Tensor, List[Tensor], Tensor]:
        """Warp images and heatmap sets by one random affine per sample.

        Args:
            images (Tensor): [N, C, H, W] easy-view images.
            heatmaps (list[Tensor]): heatmap sets, each [N, K, h, w], in the
                easy view's frame.
            heatmap_scale (tuple, optional): image pixels per heatmap pixel
                ``(s_x, s_y)`` of the networks' codec
                (:func:`~.heatmap_frame.network_heatmap_scale`). Defaults
                to ``(W / w, H / h)``, the MSRA convention.

        Returns:
            tuple: hard-view images [N, C, H, W], warped heatmap sets (each
            [N, K, h, w]), and the target mask [N, 1, h, w] (0 where the
            hard view sees outside the easy view).

        The last call's inverse pixel maps [N, 3, 3] (hard -> easy) and
        image pixels per heatmap pixel stay in ``last_matrix`` and
        ``last_heatmap_scale`` (for measuring targets, :mod:`.target_record`).
        """
        n, _, height, width = images.shape
        angle, scale = self.sample(n, images.device)
        mat = pixel_affine(angle, scale, width, height)
        self.last_matrix = mat
        hard = warp(images, mat)
        if not heatmaps:
            return hard, [], images.new_ones(n, 1, 1, 1)
        h, w = heatmaps[0].shape[-2:]
        if any(hm.shape[-2:] != (h, w) for hm in heatmaps):
            raise ValueError('all heatmap sets must share one size, got '
                             f'{[tuple(hm.shape) for hm in heatmaps]}')
        sx, sy = heatmap_scale or shape_heatmap_scale(images, heatmaps[0])
        self.last_heatmap_scale = (sx, sy)
        mat_hm = rescale_affine(mat, 1. / sx, 1. / sy)
        # one grid_sample for every set, plus a ones channel for the mask
        stacked = torch.cat(heatmaps + [heatmaps[0].new_ones(n, 1, h, w)], 1)
        out = warp(stacked, mat_hm)
        warped = list(out[:, :-1].split([hm.shape[1] for hm in heatmaps], 1))
        mask = (out[:, -1:] > 0.999).to(out.dtype)
        return hard, warped, mask

    def __repr__(self):
        return (f'{self.__class__.__name__}(rot_factor={self.rot_factor}, '
                f'scale_factor={self.scale_factor}, '
                f'rot_prob={self.rot_prob})')
