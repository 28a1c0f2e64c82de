"""Random COCO poses: plausible anatomy in the local frame, and placement
by rotation, scale and translation."""
import numpy as np

from mmpose_trs.synthetic.pose_sampler import (COCO_KEYPOINTS, COCO_SKELETON,
                                               place_person, sample_local_pose)


def test_local_pose_anatomy():
    """Head above shoulders above hips above ankles (y down, height 1);
    left and right hips on opposite sides of the pelvis."""
    for seed in range(20):
        kpt, head, facing = sample_local_pose(np.random.default_rng(seed))
        assert kpt.shape == (17, 2) and head.shape == (2, )
        assert isinstance(facing, (bool, np.bool_))
        shoulders, hips = kpt[[5, 6], 1].mean(), kpt[[11, 12], 1].mean()
        assert head[1] < shoulders < hips < kpt[[15, 16], 1].max()
        assert np.ptp(kpt[:, 1]) < 1.2


def test_place_person_scales_and_moves():
    kpt, head, facing = sample_local_pose(np.random.default_rng(0))
    person = place_person(
        np.random.default_rng(1),
        kpt,
        head,
        facing,
        height=80.,
        center=np.array([100., 60.]))
    assert person.height == 80. and person.keypoints.shape == (17, 2)
    mid = person.keypoints[[5, 6, 11, 12]].mean(0)
    assert np.allclose(mid, [100., 60.], atol=1e-6)
    # a rigid similarity: limb length ratios are kept
    a = np.linalg.norm(kpt[5] - kpt[11]) / np.linalg.norm(kpt[6] - kpt[12])
    k = person.keypoints
    b = np.linalg.norm(k[5] - k[11]) / np.linalg.norm(k[6] - k[12])
    assert np.isclose(a, b)


def test_coco_names_and_skeleton_are_consistent():
    assert len(COCO_KEYPOINTS) == 17
    assert all(1 <= i <= 17 for pair in COCO_SKELETON for i in pair)
