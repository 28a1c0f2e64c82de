"""The image <-> heatmap frame comes from the codec: the hard view's warped
targets and Keypoint-Mix's keypoints agree with MSRA, UDP and Megvii
heatmaps; coordinate codecs fail at build time."""
import copy
import math

import numpy as np
import pytest
import torch
from helpers import build, tiny_pose_net

from mmpose.codecs import MegviiHeatmap, MSRAHeatmap, SimCCLabel, UDPHeatmap
from mmpose.codecs.utils import get_heatmap_maximum, refine_keypoints_dark
from mmpose_trs.models.hard_view import HardViewAffine, pixel_affine
from mmpose_trs.models.heatmap_frame import (codec_heatmap_scale,
                                             network_heatmap_scale)

W, H, w, h = 192, 256, 48, 64
CODECS = {
    'MSRAHeatmap': MSRAHeatmap((W, H), (w, h), sigma=2., unbiased=True),
    'UDPHeatmap': UDPHeatmap((W, H), (w, h), sigma=2.),
    'MegviiHeatmap': MegviiHeatmap((W, H), (w, h), kernel_size=11),
}
# Megvii draws at floor(x / s): a keypoint on the heatmap grid
KEYPOINT = dict(MegviiHeatmap=(80., 152.))
VIEWS = [(40., 1.0), (-60., 1.2), (25., 0.8)]


def _warped_peak_error(codec, angle_deg, scale, heatmap_scale):
    """Distance in heatmap pixels between the decoded peak of the warped
    target and the keypoint moved by the same affine."""
    p = np.array(KEYPOINT.get(type(codec).__name__, (83.3, 151.7)))
    hm = codec.encode(p[None, None], np.ones((1, 1)))['heatmaps']
    view = HardViewAffine()
    angle = torch.tensor([math.radians(angle_deg)])
    view.sample = lambda n, device: (angle, torch.tensor([scale]))
    _, warped, _ = view(
        torch.zeros(1, 3, H, W), [torch.from_numpy(hm)[None]], heatmap_scale)
    mat = pixel_affine(angle, torch.tensor([scale]), W, H)[0].double()
    moved = torch.linalg.solve(mat, torch.tensor([p[0], p[1], 1.]).double())
    expected = moved[:2].numpy() / np.array(codec_heatmap_scale(codec))
    target = warped[0][0].numpy()
    peak, _ = get_heatmap_maximum(target)
    peak = refine_keypoints_dark(
        peak[None].astype(np.float64), target.copy(), blur_kernel_size=11)
    return np.abs(peak[0, 0] - expected).max()


@pytest.mark.parametrize('name', sorted(CODECS))
@pytest.mark.parametrize('angle_deg,scale', VIEWS)
def test_moved_keypoint_lands_on_warped_peak(name, angle_deg, scale):
    codec = CODECS[name]
    err = _warped_peak_error(codec, angle_deg, scale,
                             codec_heatmap_scale(codec))
    assert err < 0.1


def test_msra_frame_for_udp_targets_is_off():
    """The check can fail: UDP targets warped in the MSRA frame (the old
    behaviour) miss by more than a tenth of a heatmap pixel."""
    errs = [
        _warped_peak_error(CODECS['UDPHeatmap'], a, s, (W / w, H / h))
        for a, s in VIEWS
    ]
    assert max(errs) > 0.2


def test_codec_scales():
    assert codec_heatmap_scale(CODECS['MSRAHeatmap']) == (4., 4.)
    assert codec_heatmap_scale(CODECS['MegviiHeatmap']) == (4., 4.)
    sx, sy = codec_heatmap_scale(CODECS['UDPHeatmap'])
    assert sx == pytest.approx(191 / 47) and sy == pytest.approx(255 / 63)


def test_coordinate_codec_is_refused():
    with pytest.raises(ValueError, match='SimCCLabel.*needs heatmap targets'):
        codec_heatmap_scale(SimCCLabel(input_size=(W, H)))


def _net_with(decoder=None, head_type='HeatmapHead', **head):
    net = tiny_pose_net()
    net['head'].update(type=head_type, decoder=decoder, **head)
    return net


def test_estimator_reads_the_frame_from_the_codec():
    udp = dict(
        type='UDPHeatmap', input_size=(32, 64), heatmap_size=(8, 16), sigma=1.)
    model = build(net_f=_net_with(udp))
    assert model.heatmap_scale == pytest.approx((31 / 7, 63 / 15))
    assert network_heatmap_scale(model.net_g, 'net_g') == pytest.approx(
        (31 / 7, 63 / 15))
    assert build().heatmap_scale == (4., 4.)  # tests.helpers.CODEC: MSRA


def test_estimator_errors_name_the_network_and_the_fix():
    simcc_head = dict(
        type='SimCCHead',
        in_channels=64,
        out_channels=17,
        input_size=(32, 64),
        in_featuremap_size=(1, 2),
        loss=dict(type='KLDiscretLoss'),
        decoder=dict(type='SimCCLabel', input_size=(32, 64)))
    net = tiny_pose_net()
    net['head'] = simcc_head
    with pytest.raises(ValueError, match="target_space='heatmap' needs"):
        build(net_f=net, target_space='heatmap')
    assert build(net_f=net).target_space == 'keypoint'  # auto
    with pytest.raises(ValueError, match='net_f .*no decoder.*head.decoder'):
        build(net_f=_net_with(None))
    other = _net_with(
        dict(
            type='MSRAHeatmap',
            input_size=(32, 64),
            heatmap_size=(16, 32),
            sigma=1.),
        deconv_out_channels=(16, 16, 16, 16),
        deconv_kernel_sizes=(4, 4, 4, 4))
    with pytest.raises(ValueError, match='one image-to-heatmap frame'):
        build(
            net_f=copy.deepcopy(tiny_pose_net()),
            net_g=other,
            target_space='heatmap')
    # auto: two frames teach each other in keypoint space
    assert build(
        net_f=copy.deepcopy(tiny_pose_net()),
        net_g=other).target_space == 'keypoint'
