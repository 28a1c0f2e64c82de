"""Augmentation statistics measured by sampling the configured transforms.

Nothing here reads a config's numbers: the pipeline's transforms are built and
run on a synthetic sample many times, and the hard-view affine is sampled, so
that the card shows the distributions a config really draws from.
"""
from typing import Any, Callable, Dict, List, Optional

import numpy as np

from mmpose.datasets.transforms import (RandomBBoxTransform, RandomFlip,
                                        RandomHalfBody)
from mmpose.registry import TRANSFORMS

NUM_DRAWS = 20000
NUM_CALLS = 2000


def angle_stats(deg: np.ndarray) -> Dict[str, float]:
    """Rotation draws in degrees -> std of the rotated draws, largest
    magnitude and share of draws without rotation."""
    rotated = deg[np.abs(deg) > 1e-6]
    return dict(
        rotation_std=_r(rotated.std() if rotated.size else 0.),
        rotation_bound=_r(np.abs(deg).max()),
        rotation_zero_share=_r(1 - rotated.size / deg.size))


def scale_stats(scale: np.ndarray) -> Dict[str, object]:
    """Scale-factor draws -> std, range and share on the range's ends."""
    lo, hi = float(scale.min()), float(scale.max())
    on_bound = np.isclose(
        scale, lo, atol=1e-6) | np.isclose(
            scale, hi, atol=1e-6)
    return dict(
        scale_std=_r(scale.std()),
        scale_bounds=[_r(lo), _r(hi)],
        scale_on_bound_share=_r(on_bound.mean()))


def _r(x: float) -> float:
    return round(float(x), 3)


def _sample_results(n: int) -> dict:
    """A top-down sample with ``n`` boxes: 17 visible keypoints spread over
    a 48x64 box, for transforms that do not read the image."""
    rng = np.random.default_rng(0)
    kpts = np.stack([rng.uniform(4, 44, 17), rng.uniform(4, 60, 17)], -1)
    return dict(
        img=np.zeros((64, 48, 3), np.uint8),
        img_shape=(64, 48),
        bbox=np.array([[0., 0., 48., 64.]]),
        bbox_center=np.tile([[24., 32.]], (n, 1)),
        bbox_scale=np.tile([[48., 64.]], (n, 1)),
        keypoints=kpts[None].astype(np.float32),
        keypoints_visible=np.ones((1, 17), np.float32),
        flip_indices=list(range(17)),
        upper_body_ids=list(range(11)),
        lower_body_ids=list(range(11, 17)))


def bbox_transform_stats(t: RandomBBoxTransform) -> Dict[str, object]:
    """Rotation, scale and shift of a box transform, from one vectorised
    call on ``NUM_DRAWS`` boxes."""
    res = t.transform(_sample_results(NUM_DRAWS))
    shift = np.abs(res['bbox_center'] - np.array([24., 32.]))
    out = angle_stats(np.asarray(res['bbox_rotation'], float))
    out.update(scale_stats(res['bbox_scale'][:, 0] / 48.))
    out['shift_rate'] = _r((shift.max(1) > 1e-6).mean())
    return out


def rate(t: Callable, fired: Callable[[dict], bool]) -> float:
    """Share of ``NUM_CALLS`` calls of ``t`` after which ``fired(result)``."""
    hits = 0
    for _ in range(NUM_CALLS):
        res = t.transform(_sample_results(1))
        hits += bool(res is not None and fired(res))
    return _r(hits / NUM_CALLS)


def pipeline_stats(pipeline: Optional[List[dict]]) -> Dict[str, object]:
    """Flip, half-body, rotation, scale and shift of a pipeline's random
    geometric transforms (zero where the pipeline has none)."""
    stats = dict(
        flip_rate=0.,
        half_body_rate=0.,
        shift_rate=0.,
        **angle_stats(np.zeros(1)),
        **scale_stats(np.ones(1)))
    for cfg in pipeline or []:
        t = TRANSFORMS.build(cfg)
        if isinstance(t, RandomBBoxTransform):
            stats.update(bbox_transform_stats(t))
        elif isinstance(t, RandomFlip):
            stats['flip_rate'] = rate(t, lambda r: r.get('flip', False))
        elif isinstance(t, RandomHalfBody):
            stats['half_body_rate'] = rate(
                t, lambda r: not np.allclose(r['bbox_scale'], [[48., 64.]]))
    return stats


def hard_view_stats(hard_view: Any) -> Dict[str, object]:
    """Rotation and scale of the model's hard-view affine (``sample``)."""
    angle, scale = hard_view.sample(NUM_DRAWS, 'cpu')
    out = angle_stats(np.degrees(angle.numpy()))
    out.update(scale_stats(scale.numpy()))
    return out
