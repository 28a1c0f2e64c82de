"""The pre-affine augmentations at the teacher's keypoints (and Cutout),
under their names and their earlier ones."""
import pytest
import torch

from mmpose.registry import MODELS
from mmpose_trs.models import (RandomCutout, TeacherJointCutout,
                               TeacherKeypointMix)
from mmpose_trs.models.pre_affine_augs import heatmap_keypoints


def test_heatmap_keypoints_scale_to_pixels():
    hm = torch.zeros(1, 2, 16, 12)
    hm[0, 0, 5, 3] = 0.9
    hm[0, 1, 10, 7] = 0.05
    xy, score = heatmap_keypoints(hm, (4., 4.))  # MSRA: 48 / 12, 64 / 16
    assert torch.equal(xy[0], torch.tensor([[12., 20.], [28., 40.]]))
    assert torch.allclose(score[0], torch.tensor([0.9, 0.05]))
    # UDP: x = u * (W - 1) / (w - 1)
    xy, _ = heatmap_keypoints(hm, (47 / 11, 63 / 15))
    assert torch.allclose(xy[0, 0], torch.tensor([3 * 47 / 11, 5 * 63 / 15]))


def test_pre_affine_augs_registered_and_local():
    """KM / Joint Cutout change only patches at confident keypoints; Cutout
    blanks a patch; all keep shapes."""
    for name in ('TeacherKeypointMix', 'TeacherJointCutout', 'RandomCutout'):
        assert MODELS.get(name) is not None
    torch.manual_seed(0)
    imgs = torch.rand(2, 3, 32, 24) + 1.
    hm = torch.zeros(2, 17, 8, 6)
    hm[:, :3, 2, 2] = 1.  # three confident keypoints at (8, 8)
    for aug in (TeacherKeypointMix(k=5, patch_size=4),
                TeacherJointCutout(k=5, patch_size=4)):
        out = aug(imgs, hm)
        changed = (out != imgs).any(1)
        assert out.shape == imgs.shape and changed.any()
        assert not changed[:, 12:, :].any()  # far from (8, 8)
    cut = RandomCutout(num=1, patch_size=4)(imgs, hm)
    assert ((cut == 0).all(1).sum((1, 2)) > 0).all()
    with pytest.raises(ValueError):
        TeacherKeypointMix(k=0)
