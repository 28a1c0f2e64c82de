"""Keypoint-Mix at the ground-truth keypoints, as an ordinary MMPose
pipeline transform (``GroundTruthKeypointMix``; earlier name ``KeypointMix``).
In TRS the method's Keypoint-Mix runs at the teacher's keypoints instead:
:class:`mmpose_trs.models.TeacherKeypointMix`."""
from typing import Optional

import numpy as np
import torch
from mmcv.transforms import BaseTransform
from mmcv.transforms.utils import cache_randomness

from mmpose.registry import TRANSFORMS
from ..ops.patches import keypoint_mix


@TRANSFORMS.register_module()
class GroundTruthKeypointMix(BaseTransform):
    """Keypoint-Mix on a labeled sample at its ground-truth keypoints.

    ``k`` labeled keypoints inside the image are drawn at random; the square
    patches around them are averaged pixel-wise and the average is pasted
    back over each (see :func:`mmpose_trs.models.keypoint_mix`). Keypoints
    and their visibility are unchanged. Place it after ``TopdownAffine`` to
    mix in the crop (``transformed_keypoints`` are used when present), or
    before it to mix in the full image.

    Required Keys:
        - img
        - keypoints (or transformed_keypoints)
        - keypoints_visible

    Modified Keys:
        - img

    Args:
        k (int): keypoints mixed per sample. Defaults to 5.
        patch_size (int): patch side in pixels. Defaults to 16.
        prob (float): probability of applying it. Defaults to 1.0.
    """

    def __init__(self, k: int = 5, patch_size: int = 16, prob: float = 1.0):
        if k < 1 or patch_size < 1 or not 0 <= prob <= 1:
            raise ValueError('GroundTruthKeypointMix needs k >= 1, '
                             'patch_size >= 1, '
                             f'0 <= prob <= 1; got {k}, {patch_size}, {prob}')
        self.k = k
        self.patch_size = patch_size
        self.prob = prob

    @cache_randomness
    def _draw(self) -> Optional[int]:
        """A seed for this sample's picks, or None to skip it."""
        if np.random.rand() >= self.prob:
            return None
        return int(np.random.randint(0, 2**31 - 1))

    def transform(self, results: dict) -> dict:
        seed = self._draw()
        if seed is None:
            return results
        img = results['img']
        kpts = results.get('transformed_keypoints', results['keypoints'])
        kpts = torch.from_numpy(np.asarray(kpts, np.float32).reshape(1, -1, 2))
        vis = np.asarray(results['keypoints_visible']).reshape(1, -1) > 0
        h, w = img.shape[:2]
        inside = ((kpts[..., 0] >= 0) & (kpts[..., 0] < w) &
                  (kpts[..., 1] >= 0) & (kpts[..., 1] < h))
        x = torch.from_numpy(np.ascontiguousarray(img)).float()
        x = x.reshape(h, w, -1).permute(2, 0, 1)[None]
        gen = torch.Generator().manual_seed(seed)
        out, _, _ = keypoint_mix(
            x,
            kpts,
            torch.from_numpy(vis) & inside,
            self.k,
            self.patch_size,
            generator=gen)
        out = out[0].permute(1, 2, 0).round().clamp(0, 255)
        results['img'] = out.numpy().astype(img.dtype).reshape(img.shape)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(k={self.k}, patch_size='
                f'{self.patch_size}, prob={self.prob})')


# the earlier name, so that configs written with it still build
TRANSFORMS.register_module(name='KeypointMix', module=GroundTruthKeypointMix)
