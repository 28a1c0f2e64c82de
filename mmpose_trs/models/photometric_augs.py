"""Hard-view augmentations that change colours, not positions: Mixup and a
photometric RandAugment, batched on the device (loops run over operations,
never over samples). Called as the pre-affine augmentations
(:mod:`.pre_affine_augs`): ``aug(images, teacher_heatmaps, heatmap_scale)``
with normalised images [N, C, H, W]; the keypoint frame is unchanged, so the
teacher's targets need no change.
"""
from typing import Optional, Sequence

import torch
import torch.nn.functional as F
from torch import Tensor

from mmpose.registry import MODELS
from ..ops.patches import other_images
from .heatmap_frame import HeatmapScale

#: ImageNet statistics of MMPose's ``PoseDataPreprocessor`` configs
IMAGENET_MEAN = (123.675, 116.28, 103.53)
IMAGENET_STD = (58.395, 57.12, 57.375)


@MODELS.register_module()
class RandomMixup:
    """Mixup as MultiAugs uses it on unlabeled crops: each crop is blended
    with another crop of the batch, ``lam * x + (1 - lam) * x_other`` with
    ``lam = 1 - max_share * Beta(alpha, alpha)`` drawn per crop (MultiAugs:
    alpha 0.2, max_share 0.25, so the crop keeps at least 75 %).

    Args:
        alpha (float): Beta parameter. Defaults to 0.2.
        max_share (float): largest share of the other crop. Defaults to 0.25.
    """

    def __init__(self, alpha: float = 0.2, max_share: float = 0.25):
        if alpha <= 0 or not 0 <= max_share <= 1:
            raise ValueError('RandomMixup needs alpha > 0 and 0 <= max_share '
                             f'<= 1, got {alpha}, {max_share}')
        self.alpha = alpha
        self.max_share = max_share

    def __call__(self,
                 images: Tensor,
                 heatmaps: Optional[Tensor] = None,
                 heatmap_scale: Optional[HeatmapScale] = None) -> Tensor:
        n = images.shape[0]
        a = torch.full((n, ), self.alpha, device=images.device)
        share = torch.distributions.Beta(a, a).sample() * self.max_share
        lam = (1. - share).to(images.dtype)[:, None, None, None]
        return lam * images + (1. - lam) * images[other_images(
            n, images.device)]

    def __repr__(self):
        return f'RandomMixup(alpha={self.alpha}, max_share={self.max_share})'


def _gray(x: Tensor) -> Tensor:
    """ITU-R 601 luma [N, 1, H, W] of RGB pixels [N, 3, H, W] in 0-255."""
    w = x.new_tensor([0.299, 0.587, 0.114])[None, :, None, None]
    return (x * w).sum(1, keepdim=True)


def _blend(x: Tensor, y: Tensor, factor: Tensor) -> Tensor:
    """``y + factor * (x - y)`` (PIL's ImageEnhance), factor [N, 1, 1, 1]."""
    return y + factor * (x - y)


def _smooth(x: Tensor) -> Tensor:
    """PIL's SMOOTH filter (3x3, centre weight 5, total 13), per channel."""
    k = x.new_tensor([[1., 1., 1.], [1., 5., 1.], [1., 1., 1.]]) / 13.
    c = x.shape[1]
    return F.conv2d(
        F.pad(x, (1, 1, 1, 1), mode='replicate'),
        k.expand(c, 1, 3, 3),
        groups=c)


def _apply(op: str, x: Tensor, m: Tensor) -> Tensor:
    """Photometric operation ``op`` at magnitudes ``m`` [N, 1, 1, 1] in
    [0, 1] (signed for the enhance operations) on pixels in 0-255."""
    if op == 'brightness':
        return x * (1. + 0.9 * m)
    if op == 'contrast':
        mean = _gray(x).mean((2, 3), keepdim=True)
        return _blend(x, mean, 1. + 0.9 * m)
    if op == 'color':
        return _blend(x, _gray(x), 1. + 0.9 * m)
    if op == 'sharpness':
        return _blend(x, _smooth(x), 1. + 0.9 * m)
    if op == 'posterize':
        step = torch.pow(2., (4. * m.abs()).round())  # drop 0-4 bits
        return torch.floor(x / step) * step
    if op == 'solarize':
        thr = 256. * (1. - m.abs())
        return torch.where(x >= thr, 255. - x, x)
    if op == 'autocontrast':
        lo = x.amin((2, 3), keepdim=True)
        hi = x.amax((2, 3), keepdim=True)
        scaled = (x - lo) * 255. / (hi - lo).clamp(min=1e-3)
        return torch.where(hi - lo > 1e-3, scaled, x)
    return x  # identity


@MODELS.register_module()
class BatchRandAugment:
    """RandAugment restricted to photometric operations (the hard-view affine
    supplies the geometry): ``num_ops`` operations drawn uniformly per crop
    (with replacement), each at magnitude ``magnitude`` / 10 with a random
    sign for the enhance operations.

    Operations: identity, brightness, contrast, color, sharpness (PIL's
    enhance factors ``1 +- 0.9 m``), posterize (drops up to 4 bits), solarize
    (threshold ``256 (1 - m)``), autocontrast. Equalize is not included.

    Args:
        num_ops (int): N, operations per crop. Defaults to 2.
        magnitude (float): M in [0, 10]. Defaults to 9.
        ops (Sequence[str], optional): a subset of the operations.
        mean (Sequence[float]): the data preprocessor's mean (0-255 RGB).
        std (Sequence[float]): its std.
    """
    OPS = ('identity', 'brightness', 'contrast', 'color', 'sharpness',
           'posterize', 'solarize', 'autocontrast')

    def __init__(self,
                 num_ops: int = 2,
                 magnitude: float = 9.,
                 ops: Optional[Sequence[str]] = None,
                 mean: Sequence[float] = IMAGENET_MEAN,
                 std: Sequence[float] = IMAGENET_STD):
        ops = tuple(ops or self.OPS)
        bad = [o for o in ops if o not in self.OPS]
        if bad or num_ops < 1 or not 0 <= magnitude <= 10:
            raise ValueError(
                f'BatchRandAugment needs ops among {self.OPS} (got {bad}), '
                f'num_ops >= 1 and 0 <= magnitude <= 10, got {num_ops}, '
                f'{magnitude}')
        self.num_ops = num_ops
        self.magnitude = magnitude
        self.ops = ops
        self.mean, self.std = tuple(mean), tuple(std)

    def __call__(self,
                 images: Tensor,
                 heatmaps: Optional[Tensor] = None,
                 heatmap_scale: Optional[HeatmapScale] = None) -> Tensor:
        n, dev = images.shape[0], images.device
        mean = images.new_tensor(self.mean)[None, :, None, None]
        std = images.new_tensor(self.std)[None, :, None, None]
        x = images * std + mean
        for _ in range(self.num_ops):
            choice = torch.randint(len(self.ops), (n, ), device=dev)
            sign = torch.randint(2, (n, ), device=dev) * 2 - 1
            m = (sign * self.magnitude / 10.).to(x.dtype)[:, None, None, None]
            for i, op in enumerate(self.ops):
                pick = (choice == i)[:, None, None, None]
                if op != 'identity':
                    x = torch.where(pick, _apply(op, x, m).clamp(0., 255.), x)
        return (x - mean) / std

    def __repr__(self):
        return (f'BatchRandAugment(num_ops={self.num_ops}, magnitude='
                f'{self.magnitude}, ops={self.ops})')
