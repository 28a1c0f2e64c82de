"""GroundTruthKeypointMix: Keypoint-Mix at the ground-truth keypoints as a
pipeline transform."""
import numpy as np

from mmpose.registry import TRANSFORMS
from mmpose_trs.datasets import GroundTruthKeypointMix


def test_transform_changes_image_not_keypoints():
    assert TRANSFORMS.get('GroundTruthKeypointMix') is GroundTruthKeypointMix
    rng = np.random.default_rng(0)
    img = rng.integers(0, 255, (64, 48, 3), dtype=np.uint8)
    kpts = np.array([[[10., 10.], [30., 50.], [40., 20.], [100., 5.]]])
    vis = np.array([[1., 1., 0., 1.]])
    results = dict(
        img=img.copy(), keypoints=kpts.copy(), keypoints_visible=vis.copy())
    np.random.seed(0)
    out = GroundTruthKeypointMix(k=5, patch_size=6)(results)
    assert np.array_equal(out['keypoints'], kpts)
    assert np.array_equal(out['keypoints_visible'], vis)
    diff = (out['img'] != img).any(-1)
    assert diff.any()
    # only patches around the two usable keypoints (visible, inside) change
    allowed = np.zeros((64, 48), bool)
    allowed[7:13, 7:13] = allowed[47:53, 27:33] = True
    assert not diff[~allowed].any()
    assert 'GroundTruthKeypointMix(k=5' in repr(GroundTruthKeypointMix())
