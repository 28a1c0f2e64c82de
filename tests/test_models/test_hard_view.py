"""HardViewAffine: the target warp agrees with the image warp."""
import math

import numpy as np
import pytest
import torch

from mmpose.codecs import MSRAHeatmap
from mmpose.registry import MODELS
from mmpose_trs.models.hard_view import (HardViewAffine, pixel_affine,
                                         rescale_affine, warp)


def _forward_point(mat, p):
    """Where input point p lands in the output (mat maps output->input)."""
    inv = torch.linalg.inv(mat)
    return (inv[:2, :2] @ p + inv[:2, 2])


def test_registered():
    assert MODELS.get('HardViewAffine') is HardViewAffine


def test_identity_warp_is_exact():
    x = torch.rand(2, 3, 16, 12)
    mat = pixel_affine(torch.zeros(2), torch.ones(2), 12, 16)
    assert torch.allclose(warp(x, mat), x, atol=1e-5)


@pytest.mark.parametrize('angle_deg,scale', [(0, 1.2), (35, 1.0), (-50, 0.8)])
def test_keypoint_lands_on_warped_heatmap_peak(angle_deg, scale):
    """A keypoint moved by the affine lands on the peak of the warped heatmap
    (within one heatmap pixel), with MMPose's codec convention."""
    W, H, w, h = 48, 64, 12, 16
    codec = MSRAHeatmap(input_size=(W, H), heatmap_size=(w, h), sigma=1.)
    kpt = np.array([[[20., 30.]]])
    hm = torch.from_numpy(codec.encode(kpt, np.ones((1, 1)))['heatmaps'])
    mat = pixel_affine(
        torch.tensor([math.radians(angle_deg)]), torch.tensor([scale]), W, H)
    warped = warp(hm[None], rescale_affine(mat, w / W, h / H))[0, 0]
    moved = _forward_point(mat[0], torch.tensor([20., 30.]))
    peak = torch.nonzero(warped == warped.max())[0]
    assert abs(peak[1].item() - moved[0].item() * w / W) <= 1.0
    assert abs(peak[0].item() - moved[1].item() * h / H) <= 1.0


def test_image_and_heatmap_warps_agree():
    """Warping a blob image and the heatmap of its centre moves both to the
    same place (image peak / 4 == heatmap peak)."""
    W, H = 48, 64
    yy, xx = torch.meshgrid(torch.arange(H), torch.arange(W), indexing='ij')
    img = torch.exp(-((xx - 16.)**2 + (yy - 40.)**2) / 8.)[None, None]
    mat = pixel_affine(torch.tensor([0.6]), torch.tensor([0.9]), W, H)
    wi = warp(img, mat)[0, 0]
    hm = torch.nn.functional.avg_pool2d(img, 4) * 16
    wh = warp(hm, rescale_affine(mat, 0.25, 0.25))[0, 0]
    pi = torch.nonzero(wi == wi.max())[0].float()
    ph = torch.nonzero(wh == wh.max())[0].float()
    assert torch.allclose((pi + 0.5) / 4 - 0.5, ph, atol=1.0)


def test_call_shapes_mask_and_ranges():
    """Outputs keep shapes; the mask is 0 where the view left the image and
    the sampled angles/scales respect the clipping."""
    torch.manual_seed(0)
    aug = HardViewAffine(rot_factor=30, scale_factor=0.25, rot_prob=1.0)
    imgs = torch.rand(8, 3, 64, 48)
    hms = [torch.rand(8, 17, 16, 12), torch.rand(8, 17, 16, 12)]
    hard, warped, mask = aug(imgs, hms)
    assert hard.shape == imgs.shape
    assert [t.shape for t in warped] == [h.shape for h in hms]
    assert mask.shape == (8, 1, 16, 12)
    assert set(mask.unique().tolist()) <= {0., 1.}
    assert (mask == 0).any() and (mask == 1).any()
    angle, scale = aug.sample(10000, 'cpu')
    assert angle.abs().max() <= math.radians(60) + 1e-6
    assert scale.min() >= 0.75 and scale.max() <= 1.25


def test_scale_gt_one_shrinks_content():
    """scale > 1 zooms out: the mask loses its border."""
    aug = HardViewAffine(rot_factor=0, scale_factor=0, rot_prob=0)
    mat = pixel_affine(torch.zeros(1), torch.tensor([1.5]), 12, 16)
    ones = torch.ones(1, 1, 16, 12)
    m = warp(ones, mat)
    assert m[0, 0, 8, 6] > 0.99 and m[0, 0, 0, 0] < 0.01
    assert repr(aug).startswith('HardViewAffine(')


def test_rejects_bad_arguments():
    with pytest.raises(ValueError, match='rot_prob'):
        HardViewAffine(rot_prob=1.5)
