"""SSCO (TeacherCutOcclude) placement and CutMix, batched."""
import pytest
import torch

from mmpose.registry import MODELS
from mmpose_trs.ops.patches import other_images, paste_from


def _ramp(n=2, c=1, h=12, w=10):
    """Images whose every pixel value is unique (image, y, x)."""
    return torch.arange(n * c * h * w, dtype=torch.float).view(n, c, h, w)


def test_other_images_never_picks_itself():
    torch.manual_seed(0)
    src = other_images(7, 'cpu')
    assert (src != torch.arange(7)).all() and src.max() < 7
    assert other_images(1, 'cpu').tolist() == [0]


def test_paste_from_centres_the_patch_on_the_destination():
    images = _ramp()
    src = torch.tensor([1, 0])
    src_c = torch.tensor([[[5., 6.]], [[4., 4.]]])
    dst_c = torch.tensor([[[2., 3.]], [[7., 8.]]])
    out = paste_from(images, src, src_c, dst_c, torch.ones(2, 1).bool(), 3)
    # image 0: rows 2-4, cols 1-3 now hold image 1's rows 5-7, cols 4-6
    torch.testing.assert_close(out[0, 0, 2:5, 1:4], images[1, 0, 5:8, 4:7])
    untouched = torch.ones(12, 10, dtype=torch.bool)
    untouched[2:5, 1:4] = False
    assert torch.equal(out[0, 0][untouched], images[0, 0][untouched])
    torch.testing.assert_close(out[1, 0, 7:10, 6:9], images[0, 0, 3:6, 3:6])


def test_paste_from_clips_at_the_border():
    images = _ramp()
    out = paste_from(images, torch.tensor([1, 0]),
                     torch.tensor([[[5., 5.]], [[5., 5.]]]),
                     torch.tensor([[[0., 0.]], [[9., 11.]]]),
                     torch.ones(2, 1).bool(), 5)
    # destination (0, 0): only the patch's lower-right 3x3 lands
    torch.testing.assert_close(out[0, 0, 0:3, 0:3], images[1, 0, 5:8, 5:8])
    assert torch.equal(out[0, 0, 3:, :], images[0, 0, 3:, :])
    torch.testing.assert_close(out[1, 0, 9:12, 7:10], images[0, 0, 3:6, 3:6])


def test_teacher_cut_occlude_pastes_at_teacher_keypoints():
    aug = MODELS.build(dict(type='TeacherCutOcclude', k=1, patch_size=3))
    images = _ramp(n=2, h=16, w=12)
    heatmaps = torch.zeros(2, 1, 8, 6)
    heatmaps[0, 0, 2, 1] = 1.  # image pixel (2, 4) at scale 2
    heatmaps[1, 0, 5, 4] = 1.  # image pixel (8, 10)
    out = aug(images, heatmaps, (2., 2.))
    torch.testing.assert_close(out[0, 0, 3:6, 1:4], images[1, 0, 9:12, 7:10])
    torch.testing.assert_close(out[1, 0, 9:12, 7:10], images[0, 0, 3:6, 1:4])
    assert (out != images).sum() <= 2 * 9


def test_cutmix_shapes_sources_and_seed():
    aug = MODELS.build(dict(type='RandomCutMix', num=2, half_size=(2, 4)))
    images = _ramp(n=4, c=3, h=16, w=12)
    torch.manual_seed(3)
    out = aug(images)
    torch.manual_seed(3)
    assert torch.equal(out, aug(images))
    assert out.shape == images.shape
    changed = out != images
    assert changed.any()
    # every changed pixel comes from the same place of another image
    for i in range(4):
        vals = out[i][changed[i]]
        others = torch.cat(
            [images[j][changed[i]][None] for j in range(4) if j != i])
        assert (others == vals).any(0).all()
    with pytest.raises(ValueError, match='RandomCutMix'):
        MODELS.build(dict(type='RandomCutMix', half_size=(4, 4)))
