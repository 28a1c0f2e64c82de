"""Ensemble prediction (mmpose_trs/models/ensemble.py): the heatmaps of
named networks averaged in the crop frame, then decoded."""
import numpy as np
import pytest
import torch
from helpers import batch, build, tiny_pose_net, to_rle

from mmpose_trs.models.ensemble import members

# heatmap (h, w) = (16, 8); two peaks per keypoint with swapped strengths
PEAK_A, PEAK_B = (5, 3), (12, 6)  # (row, column)


def _fixed(strong, weak, weak_value, n=4):
    hm = torch.zeros(n, 17, 16, 8)
    hm[:, :, strong[0], strong[1]] = 1.0
    hm[:, :, weak[0], weak[1]] = weak_value
    return hm


def _model_with_fixed_heads(monkeypatch, flip_test=False):
    model = build(net_g=tiny_pose_net(flip_test), use_reviewers=False)
    model.eval()
    fixed = dict(f=_fixed(PEAK_A, PEAK_B, 0.7), g=_fixed(PEAK_B, PEAK_A, 0.2))
    for name, hm in fixed.items():
        monkeypatch.setattr(
            model.network(name).head,
            'forward',
            lambda feats, hm=hm: hm[:feats[-1].shape[0]])
    return model, fixed


def _keypoints(samples):
    return np.stack([s.pred_instances.keypoints[0] for s in samples])


def test_ensemble_is_the_decode_of_the_mean(monkeypatch):
    """f alone peaks at A; the mean of f (A 1.0, B 0.7) and g (B 1.0,
    A 0.2) peaks at B (0.85 against 0.6): the ensemble decodes the mean,
    not the mean of two decoded positions (which would lie between)."""
    model, fixed = _model_with_fixed_heads(monkeypatch)
    inputs, samples = batch(0, 4)
    f_only = _keypoints(model.predict(inputs, samples, net='f'))
    ens = _keypoints(model.predict(inputs, samples, net=('f', 'g')))
    head = model.network('f').head
    want = head.decode((fixed['f'] + fixed['g']) / 2)
    expected = np.stack([p.keypoints[0] for p in want])
    # crop frame == image frame in these samples (scale = input size)
    np.testing.assert_allclose(ens, expected, atol=1e-5)
    stride = 4.  # 32 px / 8 heatmap columns
    assert np.allclose(f_only[..., 1] / stride, PEAK_A[0], atol=0.3)
    assert np.allclose(ens[..., 1] / stride, PEAK_B[0], atol=0.3)


def test_ensemble_of_one_is_that_network(monkeypatch):
    model, _ = _model_with_fixed_heads(monkeypatch)
    inputs, samples = batch(0, 4)
    one = _keypoints(model.predict(inputs, samples, net=('g', )))
    plain = _keypoints(model.predict(inputs, samples, net='g'))
    np.testing.assert_array_equal(one, plain)


def test_flip_test_is_averaged_per_network():
    """With flip test on g, the ensemble of f and g equals decoding the
    mean of f's heatmaps and g's flip-averaged ones (real networks)."""
    from mmpose_trs.models.ensemble import test_outputs
    model = build(net_g=tiny_pose_net(flip_test=True), use_reviewers=False)
    model.eval()
    inputs, samples = batch(0, 3)
    with torch.no_grad():
        hf = test_outputs(model.network('f'), inputs, samples)[2]
        hg = test_outputs(model.network('g'), inputs, samples)[2]
        plain_g = model.network('g').head.forward(
            model.network('g').extract_feat(inputs))
        assert not torch.allclose(hg, plain_g)  # the flip did something
        ens = _keypoints(model.predict(inputs, samples, net=('f', 'g')))
    want = model.network('f').head.decode((hf + hg) / 2)
    np.testing.assert_allclose(
        ens, np.stack([p.keypoints[0] for p in want]), atol=1e-5)


def _coordinate_net(kind: str) -> dict:
    """The tiny network with an RLE or a SimCC head on its 32x64 crops."""
    net = tiny_pose_net()
    if kind == 'rle':
        to_rle(net)
    else:
        net['head'] = dict(
            type='SimCCHead',
            in_channels=64,
            out_channels=17,
            input_size=(32, 64),
            in_featuremap_size=(1, 2),
            simcc_split_ratio=2.0,
            deconv_out_channels=None,
            loss=dict(type='KLDiscretLoss', use_target_weight=True),
            decoder=dict(
                type='SimCCLabel',
                input_size=(32, 64),
                sigma=(1., 1.),
                simcc_split_ratio=2.0))
    return net


def _with_decoder(**decoder) -> dict:
    """The tiny heatmap network with another codec."""
    net = tiny_pose_net()
    net['head']['decoder'] = decoder
    return net


def _megvii_net() -> dict:
    return _with_decoder(
        type='MegviiHeatmap',
        input_size=(32, 64),
        heatmap_size=(8, 16),
        kernel_size=5)


@pytest.mark.parametrize('kind', ['rle', 'simcc', 'megvii'])
def test_other_heads_ensemble_by_their_keypoints(kind):
    """A heatmap f with an RLE, a SimCC or another heatmap codec's g: each
    network predicts through its own head (an RLE head returns no heatmap
    fields; odd batch size), and their ensemble is the mean of the two
    networks' keypoints and scores (image frame = crop frame mapped by the
    same affine, so the mean commutes with it)."""
    from mmpose_trs.models.ensemble import averageable
    g = _megvii_net() if kind == 'megvii' else _coordinate_net(kind)
    model = build(net_g=g, use_reviewers=False)
    model.eval()
    assert not averageable({n: model.network(n) for n in ('f', 'g')})
    inputs, samples = batch(0, 3)
    with torch.no_grad():
        got = {
            str(t):
            (_keypoints(out),
             np.stack([s.pred_instances.keypoint_scores[0] for s in out]))
            for t, out in model.predict_targets(inputs, samples,
                                                ['f', 'g', ('f', 'g')])
        }
    (kf, sf), (kg, sg) = got['f'], got['g']
    assert kf.shape == kg.shape == (3, 17, 2)
    assert not np.allclose(kf, kg)
    ens_k, ens_s = got[str(('f', 'g'))]
    np.testing.assert_allclose(ens_k, (kf + kg) / 2, rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(ens_s, (sf + sg) / 2, rtol=1e-5, atol=1e-6)


def test_heatmap_heads_of_one_codec_average_heatmaps():
    from mmpose_trs.models.ensemble import averageable
    model = build(net_g=tiny_pose_net(flip_test=True), use_reviewers=False)
    assert averageable({n: model.network(n) for n in ('f', 'g')})


def test_heads_of_other_crop_sizes_are_refused():
    """An ensemble of heads that decode into crops of other sizes: refused
    at build, naming both heads and sizes."""
    other = _with_decoder(
        type='MSRAHeatmap',
        input_size=(64, 128),
        heatmap_size=(16, 32),
        sigma=2)
    with pytest.raises(
            ValueError,
            match=r'cannot ensemble f \(HeatmapHead, input_size=\(32, 64\)'
            r'\) and g \(HeatmapHead, input_size=\(64, 128\)\)'):
        build(net_g=other, test_cfg=dict(predict_on=('f', 'g')))


def test_unknown_member_and_the_command_line_form():
    model = build()
    with pytest.raises(ValueError, match='net'):
        model.check_target(('f', 'h'))
    assert members('f, g') == ('f', 'g') and members('g') == ('g', )
    assert members(['f', 'reviewer_g']) == ('f', 'reviewer_g')


def test_tensor_mode_of_an_ensemble_model_uses_its_first_network():
    model = build(test_cfg=dict(predict_on=('g', 'f')))
    model.eval()
    inputs, _ = batch(0, 2)
    with torch.no_grad():
        out = model(inputs, mode='tensor')
        want = model.network('g')._forward(inputs)
    torch.testing.assert_close(out, want)
