"""Mixup and the photometric RandAugment: seeded, shapes and the keypoint
frame unchanged, each operation doing what it names."""
import pytest
import torch

from mmpose.registry import MODELS
from mmpose_trs.models.photometric_augs import (IMAGENET_MEAN, IMAGENET_STD,
                                                _apply)

MEAN = torch.tensor(IMAGENET_MEAN)[None, :, None, None]
STD = torch.tensor(IMAGENET_STD)[None, :, None, None]


def _pixels(n=6, h=8, w=6, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, 3, h, w, generator=g) * 255.


def _norm(x):
    return (x - MEAN) / STD


@pytest.mark.parametrize('cfg', [
    dict(type='RandomMixup'),
    dict(type='BatchRandAugment', num_ops=2, magnitude=9)
])
def test_seeded_and_shape_preserving(cfg):
    aug = MODELS.build(cfg)
    x = _norm(_pixels())
    torch.manual_seed(4)
    a = aug(x)
    torch.manual_seed(4)
    assert torch.equal(a, aug(x))
    assert a.shape == x.shape and not torch.equal(a, x)


def test_mixup_blends_with_another_crop_at_the_same_place():
    aug = MODELS.build(dict(type='RandomMixup', alpha=0.2, max_share=0.25))
    x = torch.zeros(4, 3, 5, 5)
    x[:, :, 2, 3] = torch.arange(1., 5.)[:, None]  # one bright pixel each
    torch.manual_seed(0)
    out = aug(x)
    # nothing appears away from (2, 3): the frame is unchanged
    mask = torch.ones(5, 5, dtype=torch.bool)
    mask[2, 3] = False
    assert torch.equal(out[..., mask], torch.zeros_like(out[..., mask]))
    v = out[:, 0, 2, 3]
    own = torch.arange(1., 5.)
    assert ((v - own).abs() <= 0.25 * 3 + 1e-6).all()  # keeps >= 75 %
    assert (v != own).any()


def test_randaugment_commutes_with_moving_pixels():
    """Pointwise and global operations: permuting pixels before or after
    gives the same result (no operation moves content)."""
    ops = [o for o in MODELS.get('BatchRandAugment').OPS if o != 'sharpness']
    aug = MODELS.build(
        dict(type='BatchRandAugment', num_ops=3, magnitude=7, ops=ops))
    x = _norm(_pixels())
    perm = torch.randperm(8 * 6, generator=torch.Generator().manual_seed(1))

    def shuffle(t):
        return t.flatten(2)[..., perm].view_as(t)

    torch.manual_seed(2)
    a = shuffle(aug(x))
    torch.manual_seed(2)
    b = aug(shuffle(x))
    torch.testing.assert_close(a, b)


def test_operations_on_known_pixels():
    x = torch.tensor([0., 100., 200.]).view(1, 3, 1, 1).expand(1, 3, 2, 2)
    m = torch.full((1, 1, 1, 1), 0.5)
    torch.testing.assert_close(_apply('brightness', x, m), x * 1.45)
    torch.testing.assert_close(
        _apply('solarize', x, m), torch.where(x >= 128., 255. - x, x))
    torch.testing.assert_close(
        _apply('posterize', x, m),
        torch.floor(x / 4.) * 4.)  # 2 bits dropped
    flat = torch.full((1, 3, 4, 4), 80.)
    for op in ('contrast', 'color', 'sharpness', 'autocontrast'):
        torch.testing.assert_close(_apply(op, flat, m), flat)
    ramp = torch.linspace(50., 150., 16).view(1, 1, 4, 4).expand(1, 3, 4, 4)
    out = _apply('autocontrast', ramp, m)
    assert out.min().item() == pytest.approx(0.) and \
        out.max().item() == pytest.approx(255.)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match='BatchRandAugment'):
        MODELS.build(dict(type='BatchRandAugment', ops=['rotate']))
    with pytest.raises(ValueError, match='RandomMixup'):
        MODELS.build(dict(type='RandomMixup', alpha=0.))
