"""Keypoint-Mix on tensors, the pre-affine augmentations, and the
KeypointMix pipeline transform."""
import numpy as np
import pytest
import torch

from mmpose.registry import MODELS, TRANSFORMS
from mmpose_trs.datasets import KeypointMix
from mmpose_trs.models import CutoutAug, JointCutoutAug, KeypointMixAug
from mmpose_trs.models.hard_augs import heatmap_keypoints
from mmpose_trs.models.keypoint_mix import keypoint_mix


def grid(h=6, w=6):
    return torch.arange(h * w, dtype=torch.float32).view(1, 1, h, w)


def test_hand_computation_two_patches():
    """Two 3x3 patches at (1, 1) and (4, 4): both become their mean; every
    other pixel is unchanged."""
    img = grid()
    kpts = torch.tensor([[[1., 1.], [4., 4.]]])
    out, idx, chosen = keypoint_mix(img, kpts, torch.ones(1, 2, dtype=bool),
                                    k=2, patch_size=3)
    p1, p2 = img[0, 0, 0:3, 0:3], img[0, 0, 3:6, 3:6]
    mean = (p1 + p2) / 2
    assert torch.equal(out[0, 0, 0:3, 0:3], mean)
    assert torch.equal(out[0, 0, 3:6, 3:6], mean)
    untouched = torch.ones(6, 6, dtype=bool)
    untouched[0:3, 0:3] = untouched[3:6, 3:6] = False
    assert torch.equal(out[0, 0][untouched], img[0, 0][untouched])
    assert sorted(idx[0].tolist()) == [0, 1] and chosen.all()


def test_border_patches_are_clipped():
    """A patch at (0, 0) keeps only its in-image 2x2 part; the average at
    offsets outside it counts the other patch alone."""
    img = grid()
    kpts = torch.tensor([[[0., 0.], [4., 4.]]])
    out, _, _ = keypoint_mix(img, kpts, torch.ones(1, 2, dtype=bool), 2, 3)
    p2 = img[0, 0, 3:6, 3:6]
    p1 = torch.full((3, 3), float('nan'))
    p1[1:, 1:] = img[0, 0, 0:2, 0:2]
    mean = torch.where(torch.isnan(p1), p2, (torch.nan_to_num(p1) + p2) / 2)
    assert torch.equal(out[0, 0, 0:2, 0:2], mean[1:, 1:])
    assert torch.equal(out[0, 0, 3:6, 3:6], mean)
    assert torch.equal(out[0, 0, 2, :3], img[0, 0, 2, :3])


def test_k_larger_than_visible_keypoints():
    """k = 5 with 2 valid keypoints mixes those 2; with 0 the image is
    unchanged; invalid keypoints are never used."""
    img = grid()
    kpts = torch.tensor([[[1., 1.], [4., 4.], [1., 4.]]])
    valid = torch.tensor([[True, True, False]])
    out, idx, chosen = keypoint_mix(img, kpts, valid, k=5, patch_size=3)
    assert idx.shape == (1, 3) and chosen.sum() == 2
    assert set(idx[0][chosen[0]].tolist()) == {0, 1}
    assert torch.equal(out[0, 0, 3:6, 0:3], img[0, 0, 3:6, 0:3])
    none, _, _ = keypoint_mix(img, kpts, torch.zeros(1, 3, dtype=bool), 5, 3)
    assert torch.equal(none, img)


def test_deterministic_under_seed_and_batched():
    imgs = torch.rand(4, 3, 16, 12)
    kpts = torch.rand(4, 17, 2) * torch.tensor([12., 16.])
    valid = torch.rand(4, 17) > 0.3
    a = keypoint_mix(imgs, kpts, valid, 5, 4,
                     torch.Generator().manual_seed(1))[0]
    b = keypoint_mix(imgs, kpts, valid, 5, 4,
                     torch.Generator().manual_seed(1))[0]
    c = keypoint_mix(imgs, kpts, valid, 5, 4,
                     torch.Generator().manual_seed(2))[0]
    assert torch.equal(a, b) and not torch.equal(a, c)
    assert a.shape == imgs.shape


def test_overlap_later_patch_wins():
    """Overlapping patches: the later pick is pasted last, on any device."""
    img = grid()
    kpts = torch.tensor([[[2., 2.], [3., 2.]]])
    out, idx, _ = keypoint_mix(img, kpts, torch.ones(1, 2, dtype=bool), 2, 3)
    p = [img[0, 0, 1:4, 1:4], img[0, 0, 1:4, 2:5]]
    mean = (p[0] + p[1]) / 2
    last = idx[0, -1].item()
    cols = slice(1, 4) if last == 0 else slice(2, 5)
    assert torch.equal(out[0, 0, 1:4, cols], mean)


def test_heatmap_keypoints_scale_to_pixels():
    hm = torch.zeros(1, 2, 16, 12)
    hm[0, 0, 5, 3] = 0.9
    hm[0, 1, 10, 7] = 0.05
    xy, score = heatmap_keypoints(hm, 64, 48)
    assert torch.equal(xy[0], torch.tensor([[12., 20.], [28., 40.]]))
    assert torch.allclose(score[0], torch.tensor([0.9, 0.05]))


def test_pre_affine_augs_registered_and_local():
    """KM / Joint Cutout change only patches at confident keypoints; Cutout
    blanks a patch; all keep shapes."""
    for name in ('KeypointMixAug', 'JointCutoutAug', 'CutoutAug'):
        assert MODELS.get(name) is not None
    torch.manual_seed(0)
    imgs = torch.rand(2, 3, 32, 24) + 1.
    hm = torch.zeros(2, 17, 8, 6)
    hm[:, :3, 2, 2] = 1.   # three confident keypoints at (8, 8)
    for aug in (KeypointMixAug(k=5, patch_size=4), JointCutoutAug(
            k=5, patch_size=4)):
        out = aug(imgs, hm)
        changed = (out != imgs).any(1)
        assert out.shape == imgs.shape and changed.any()
        assert not changed[:, 12:, :].any()  # far from (8, 8)
    cut = CutoutAug(num=1, patch_size=4)(imgs, hm)
    assert ((cut == 0).all(1).sum((1, 2)) > 0).all()
    with pytest.raises(ValueError):
        KeypointMixAug(k=0)


def test_transform_changes_image_not_keypoints():
    assert TRANSFORMS.get('KeypointMix') is KeypointMix
    rng = np.random.default_rng(0)
    img = rng.integers(0, 255, (64, 48, 3), dtype=np.uint8)
    kpts = np.array([[[10., 10.], [30., 50.], [40., 20.], [100., 5.]]])
    vis = np.array([[1., 1., 0., 1.]])
    results = dict(img=img.copy(), keypoints=kpts.copy(),
                   keypoints_visible=vis.copy())
    np.random.seed(0)
    out = KeypointMix(k=5, patch_size=6)(results)
    assert np.array_equal(out['keypoints'], kpts)
    assert np.array_equal(out['keypoints_visible'], vis)
    diff = (out['img'] != img).any(-1)
    assert diff.any()
    # only patches around the two usable keypoints (visible, inside) change
    allowed = np.zeros((64, 48), bool)
    allowed[7:13, 7:13] = allowed[47:53, 27:33] = True
    assert not diff[~allowed].any()
    assert 'KeypointMix(k=5' in repr(KeypointMix())
