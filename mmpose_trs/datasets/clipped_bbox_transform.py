"""Box jitter drawn from clipped normals, as Xie et al.'s data pipeline."""
from typing import Tuple

import numpy as np
from mmcv.transforms.utils import cache_randomness

from mmpose.datasets.transforms import RandomBBoxTransform
from mmpose.registry import TRANSFORMS


def truncated_normal(size: tuple, bound: float = 1.) -> np.ndarray:
    """Standard normal draws truncated to ``[-bound, bound]`` (rejection,
    from NumPy's global generator, as MMPose's ``RandomBBoxTransform``
    draws its shifts; without scipy's per-call overhead)."""
    out = np.random.randn(*size)
    bad = np.abs(out) > bound
    while bad.any():
        out[bad] = np.random.randn(int(bad.sum()))
        bad = np.abs(out) > bound
    return out


@TRANSFORMS.register_module()
class ClippedNormalBBoxTransform(RandomBBoxTransform):
    """``RandomBBoxTransform`` whose scale and rotation are *clipped* normals.

    Xie et al.'s pipeline (``JointsDataset.__getitem__``, kept by SSPCM and
    TRS) draws the box scale from ``clip(N(1, scale_std), *scale_bounds)``
    (about 32 % of the draws sit on a bound at std 0.25) and the rotation in
    degrees from ``clip(N(0, rotate_std), -rotate_bound, rotate_bound)`` with
    probability ``rotate_prob``, without shift. MMPose's
    ``RandomBBoxTransform`` draws *truncated* normals scaled to the bounds
    (``rotate_factor`` is the bound, not the std), a different distribution.
    Shift, if enabled, is MMPose's (truncated normal x ``shift_factor``).

    Required Keys:
        - bbox_scale
        - bbox_center

    Modified Keys:
        - bbox_scale
        - bbox_center

    Added Keys:
        - bbox_rotation

    Args:
        scale_std (float): std of the scale factor. Defaults to 0.25.
        scale_bounds (tuple[float, float]): clip range of the scale factor.
            Defaults to (0.75, 1.25).
        rotate_std (float): std of the rotation in degrees. Defaults to 30.
        rotate_bound (float): clip bound of the rotation. Defaults to 60.
        rotate_prob (float): probability of a rotation. Defaults to 0.6.
        shift_prob (float): probability of a shift. Defaults to 0.
        shift_factor (float): shift bound relative to the box size.
            Defaults to 0.16.
    """

    def __init__(self,
                 scale_std: float = 0.25,
                 scale_bounds: Tuple[float, float] = (0.75, 1.25),
                 rotate_std: float = 30.,
                 rotate_bound: float = 60.,
                 rotate_prob: float = 0.6,
                 shift_prob: float = 0.,
                 shift_factor: float = 0.16) -> None:
        if scale_std < 0 or rotate_std < 0 or rotate_bound < 0:
            raise ValueError('ClippedNormalBBoxTransform needs non-negative '
                             'scale_std, rotate_std and rotate_bound, got '
                             f'{scale_std}, {rotate_std}, {rotate_bound}')
        if not scale_bounds[0] <= 1 <= scale_bounds[1]:
            raise ValueError(
                f'scale_bounds must contain 1, got {scale_bounds}')
        super().__init__(
            shift_factor=shift_factor,
            shift_prob=shift_prob,
            scale_factor=tuple(scale_bounds),
            rotate_factor=rotate_bound,
            rotate_prob=rotate_prob)
        self.scale_std = scale_std
        self.rotate_std = rotate_std

    @cache_randomness
    def _get_transform_params(self, num_bboxes: int) -> Tuple:
        """Draw (offset [n, 2], scale [n, 1], rotation [n] in degrees)."""
        n = num_bboxes
        offset = np.zeros((n, 2))
        if self.shift_prob > 0:  # scipy's truncnorm costs 0.3 ms a crop
            offset = truncated_normal((n, 2)) * self.shift_factor
            offset = np.where(
                np.random.rand(n, 1) < self.shift_prob, offset, 0.)
        lo, hi = self.scale_factor
        scale = np.clip(np.random.randn(n, 1) * self.scale_std + 1., lo, hi)
        bound = self.rotate_factor
        rotate = np.clip(np.random.randn(n) * self.rotate_std, -bound, bound)
        rotate = np.where(np.random.rand(n) < self.rotate_prob, rotate, 0.)
        return (offset.astype(np.float32), scale.astype(np.float32),
                rotate.astype(np.float32))

    def __repr__(self) -> str:
        return (f'{type(self).__name__}(scale_std={self.scale_std}, '
                f'scale_bounds={self.scale_factor}, '
                f'rotate_std={self.rotate_std}, '
                f'rotate_bound={self.rotate_factor}, '
                f'rotate_prob={self.rotate_prob}, '
                f'shift_prob={self.shift_prob})')
