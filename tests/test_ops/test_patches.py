"""Batched patch operations: Keypoint-Mix on tensors (cut, average, paste)."""
import torch

from mmpose_trs.ops import keypoint_mix


def grid(h=6, w=6):
    return torch.arange(h * w, dtype=torch.float32).view(1, 1, h, w)


def test_hand_computation_two_patches():
    """Two 3x3 patches at (1, 1) and (4, 4): both become their mean; every
    other pixel is unchanged."""
    img = grid()
    kpts = torch.tensor([[[1., 1.], [4., 4.]]])
    out, idx, chosen = keypoint_mix(
        img, kpts, torch.ones(1, 2, dtype=bool), k=2, patch_size=3)
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
