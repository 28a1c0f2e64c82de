"""ClippedNormalBBoxTransform draws Xie et al.'s clipped normals; MMPose's
RandomBBoxTransform (the configs' old easy view) does not."""
import numpy as np
import pytest

from mmpose.registry import TRANSFORMS
from mmpose_trs.datasets import ClippedNormalBBoxTransform
from mmpose_trs.protocol.sampling import bbox_transform_stats, pipeline_stats

XIE = dict(
    type='ClippedNormalBBoxTransform',
    scale_std=0.25,
    scale_bounds=(0.75, 1.25),
    rotate_std=30,
    rotate_bound=60,
    rotate_prob=0.6,
    shift_prob=0)


def test_registered_and_distribution():
    t = TRANSFORMS.build(XIE)
    assert isinstance(t, ClippedNormalBBoxTransform)
    np.random.seed(0)
    s = bbox_transform_stats(t)
    assert s['rotation_bound'] == pytest.approx(60., abs=1e-3)
    assert s['rotation_std'] == pytest.approx(28.77, abs=0.6)
    assert s['rotation_zero_share'] == pytest.approx(0.4, abs=0.02)
    assert s['scale_bounds'] == [0.75, 1.25]
    assert s['scale_on_bound_share'] == pytest.approx(0.317, abs=0.015)
    assert s['scale_std'] == pytest.approx(0.18, abs=0.005)
    assert s['shift_rate'] == 0.


def test_seeded_and_keeps_shapes():
    t = TRANSFORMS.build(XIE)
    res = dict(
        bbox_center=np.zeros((3, 2), np.float32),
        bbox_scale=np.ones((3, 2), np.float32) * 10)
    np.random.seed(5)
    a = t.transform(dict(res))
    np.random.seed(5)
    b = t.transform(dict(res))
    assert a['bbox_scale'].shape == (3,
                                     2) and a['bbox_rotation'].shape == (3, )
    np.testing.assert_array_equal(a['bbox_rotation'], b['bbox_rotation'])


def test_mmpose_transform_is_a_different_distribution():
    """The old easy view (rotate_factor=30 truncated normal, default shift,
    half-body) is measurably not Xie et al.'s."""
    np.random.seed(0)
    old = pipeline_stats([
        dict(type='RandomFlip', direction='horizontal'),
        dict(type='RandomHalfBody'),
        dict(
            type='RandomBBoxTransform',
            rotate_factor=30,
            scale_factor=(0.75, 1.25))
    ])
    assert old['rotation_bound'] < 30.01 and old['rotation_std'] < 20
    assert old['scale_on_bound_share'] < 0.01
    assert old['shift_rate'] == pytest.approx(0.3, abs=0.03)
    assert old['half_body_rate'] == pytest.approx(0.3, abs=0.05)
    assert old['flip_rate'] == pytest.approx(0.5, abs=0.05)


def test_bad_arguments():
    with pytest.raises(ValueError, match='scale_bounds'):
        ClippedNormalBBoxTransform(scale_bounds=(1.1, 1.3))
    with pytest.raises(ValueError, match='non-negative'):
        ClippedNormalBBoxTransform(rotate_std=-1)


def test_shift_draws_a_truncated_normal_and_none_without_shift():
    from mmpose_trs.datasets.clipped_bbox_transform import truncated_normal
    np.random.seed(0)
    x = truncated_normal((20000, 2))
    assert np.abs(x).max() <= 1.
    # the standard normal truncated to [-1, 1]: std 0.5379, mean 0
    assert x.std() == pytest.approx(0.5379, abs=0.01)
    assert abs(x.mean()) < 0.01
    shifting = TRANSFORMS.build(dict(XIE, shift_prob=1., shift_factor=0.16))
    np.random.seed(1)
    offset, _, _ = shifting._get_transform_params(5000)
    assert np.abs(offset).max() <= 0.16 + 1e-6
    assert offset.std() == pytest.approx(0.16 * 0.5379, abs=0.003)
    # shift_prob 0: no shift drawn, and the stream is not consumed by it
    still = TRANSFORMS.build(XIE)
    np.random.seed(2)
    offset, _, _ = still._get_transform_params(3)
    after = np.random.rand()
    np.random.seed(2)
    np.random.randn(3, 1), np.random.randn(3), np.random.rand(3)
    assert not offset.any() and np.random.rand() == after
