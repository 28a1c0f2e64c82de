"""Augmentation statistics measured by sampling: known distributions give
their known numbers."""
import numpy as np
import pytest

from mmpose_trs.models import HardViewAffine
from mmpose_trs.protocol.sampling import (angle_stats, hard_view_stats,
                                          pipeline_stats, scale_stats)
from mmpose_trs.utils.rng import seeded


def test_angle_and_scale_stats_of_known_draws():
    deg = np.array([0., 0., 30., -30.])
    out = angle_stats(deg)
    assert out == dict(
        rotation_std=30., rotation_bound=30., rotation_zero_share=0.5)
    s = scale_stats(np.array([0.75, 1., 1.25, 1.25]))
    assert s['scale_bounds'] == [0.75, 1.25]
    assert s['scale_on_bound_share'] == 0.75


def test_pipeline_stats_measure_flip_and_clipped_rotation():
    """The COCO base's easy view (flip 0.5, Xie's clipped normals)."""
    from mmengine.config import Config
    easy = Config.fromfile('configs/_base_/coco_256x192.py').easy_view
    with seeded(0):
        stats = pipeline_stats(easy)
    assert stats['flip_rate'] == pytest.approx(0.5, abs=0.05)
    assert stats['rotation_zero_share'] == pytest.approx(0.4, abs=0.02)
    assert stats['rotation_bound'] <= 60 and stats['shift_rate'] == 0
    assert stats['scale_bounds'] == [0.75, 1.25]
    assert pipeline_stats(None)['flip_rate'] == 0.


def test_hard_view_stats_match_its_settings():
    with seeded(0):
        stats = hard_view_stats(
            HardViewAffine(rot_factor=30, scale_factor=0.25, rot_prob=0.8))
    assert stats['rotation_zero_share'] == pytest.approx(0.2, abs=0.02)
    assert stats['rotation_bound'] <= 60.001
