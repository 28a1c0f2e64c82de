"""Keypoint-space targets: head adapters encode as MMPose's codecs do, a
keypoint taken through decode -> affine -> encode lands where it should,
weights drop what the affine moves out or the guide doubts, and a mixed pair
(heatmap f, SimCC g) trains."""
import copy

import numpy as np
import pytest
import torch
from helpers import CODEC, batch, build, set_iter, tiny_pose_net, to_rle

from mmpose.codecs import MSRAHeatmap, RegressionLabel, SimCCLabel
from mmpose.registry import MODELS
from mmpose_trs.models.hard_view import pixel_affine, points_to_hard
from mmpose_trs.models.head_adapters import head_adapter
from mmpose_trs.models.keypoint_step import onehot_maps

W, H = 32, 64  # the helpers' crops
SIMCC = dict(
    type='SimCCLabel',
    input_size=(W, H),
    sigma=(4.9, 5.66),
    simcc_split_ratio=2.0,
    normalize=False)


def simcc_net():
    """tests.helpers' tiny ResNet with RTMPose's head and loss."""
    net = tiny_pose_net()
    net['head'] = dict(
        type='RTMCCHead',
        in_channels=64,
        out_channels=17,
        input_size=(W, H),
        in_featuremap_size=(1, 2),
        simcc_split_ratio=2.0,
        final_layer_kernel_size=1,
        gau_cfg=dict(
            hidden_dims=32,
            s=16,
            expansion_factor=2,
            dropout_rate=0.,
            drop_path=0.,
            act_fn='SiLU',
            use_rel_bias=False,
            pos_enc=False),
        loss=dict(
            type='KLDiscretLoss',
            use_target_weight=True,
            beta=10.,
            label_softmax=True),
        decoder=SIMCC)
    return net


def rle_net():
    return to_rle(tiny_pose_net(), (W, H))


def adapter_of(net_cfg):
    return head_adapter(MODELS.build(net_cfg), 'net')


def points(n=2, seed=0):
    rng = np.random.default_rng(seed)
    return torch.tensor(
        rng.uniform([2, 2], [W - 3, H - 3], (n, 17, 2)), dtype=torch.float32)


def test_simcc_encoding_is_the_codecs():
    adapter = adapter_of(simcc_net())
    xy = points()
    target, weights = adapter.encode(xy, torch.ones(2, 17))
    ref = SimCCLabel(**{k: v for k, v in SIMCC.items() if k != 'type'})
    enc = ref.encode(xy.numpy(), np.ones((2, 17)))
    np.testing.assert_allclose(
        target.numpy(),
        np.concatenate([enc['keypoint_x_labels'], enc['keypoint_y_labels']],
                       -1),
        atol=1e-6)
    np.testing.assert_array_equal(weights.numpy(), enc['keypoint_weights'])
    # decoding the labels gives the keypoints back to half a bin
    back, scores = adapter.decode([target])
    assert (back - xy).abs().max() <= 0.5 / 2.0 + 1e-6
    assert torch.allclose(scores, torch.ones(2, 17))


def test_heatmap_encoding_matches_msra_inside_its_window():
    net = tiny_pose_net()
    codec = dict(CODEC, sigma=2.)
    net['head']['decoder'] = codec
    adapter = adapter_of(net)
    xy = points()
    target, weights = adapter.encode(xy, torch.ones(2, 17))
    ref = MSRAHeatmap(**{k: v for k, v in codec.items() if k != 'type'})
    for n in range(2):
        enc = ref.encode(xy[n:n + 1].numpy(), np.ones((1, 17)))
        inside = enc['heatmaps'] > 0
        np.testing.assert_allclose(
            target[n].numpy()[inside], enc['heatmaps'][inside], atol=1e-6)
    back, _ = adapter.decode([target])
    assert (back - xy).abs().max() <= 0.5 * 4 + 1e-5  # half a cell


def test_regression_encoding_is_the_codecs():
    adapter = adapter_of(rle_net())
    xy = points()
    xy[0, 0] = torch.tensor([-3., 10.])  # outside: weight 0
    target, weights = adapter.encode(xy, torch.ones(2, 17))
    enc = RegressionLabel(input_size=(W, H)).encode(xy.numpy(), np.ones(
        (2, 17)))
    np.testing.assert_allclose(target.numpy(), enc['keypoint_labels'])
    np.testing.assert_array_equal(weights.numpy(), enc['keypoint_weights'])
    out = torch.cat([target, torch.full((2, 17, 2), -20.)], -1)  # sure
    back, scores = adapter.decode([out])
    torch.testing.assert_close(back, xy)
    assert scores.min() > 0.99


@pytest.mark.parametrize('kind', ['simcc', 'regression'])
def test_decode_affine_encode_lands_at_the_moved_keypoint(kind):
    """An easy-view keypoint moved by the hard view's affine: its encoded
    target is the moved point, within one SimCC bin (1 / split_ratio px),
    or exactly for regression."""
    adapter = adapter_of(simcc_net() if kind == 'simcc' else rle_net())
    mat = pixel_affine(
        torch.tensor([0.3, -0.5]), torch.tensor([0.9, 1.2]), W, H)
    easy = torch.tensor([[[15., 30.]], [[12., 40.]]])
    hard = points_to_hard(easy, mat)
    for n in range(2):  # the map sends the hard point back onto easy
        back = mat[n].numpy() @ np.r_[hard[n, 0].numpy(), 1.]
        np.testing.assert_allclose(back[:2], easy[n, 0].numpy(), atol=1e-4)
    target, weights = adapter.encode(hard, torch.ones(2, 1))
    assert torch.equal(weights, torch.ones(2, 1))
    xy, _ = adapter.decode([target])
    tol = 1 / adapter.ratio if kind == 'simcc' else 1e-5
    assert (xy - hard).abs().max() <= tol


def test_weights_drop_moved_out_and_doubted_keypoints():
    model = build(net_f=simcc_net(), keypoint_score_thr=0.3)
    assert model.target_space == 'keypoint'
    scores = torch.tensor([[0.2, 0.5, 0.9]])
    assert model.keypoint_weights(scores).tolist() == [[0., 1., 1.]]
    model.keypoint_soft_weight = True
    assert model.keypoint_weights(scores)[0].tolist() == pytest.approx(
        [0., 0.5, 0.9])
    adapter = model.adapter('g')
    inside = adapter.inside(torch.tensor([[[5., 5.], [-1., 5.], [5., 70.]]]))
    assert inside.tolist() == [[True, False, False]]


def test_onehot_maps_place_the_augmentations_within_half_a_stride():
    from mmpose_trs.models.pre_affine_augs import heatmap_keypoints
    kpts = torch.tensor([[[13., 29., 0.7], [30., 61., 0.2]]])
    xy, score = heatmap_keypoints(onehot_maps(kpts, (W, H)), (4., 4.))
    assert (xy - kpts[..., :2]).abs().max() <= 2.
    torch.testing.assert_close(score, kpts[..., 2])


def labeled_with_keypoints(samples, seed=0):
    """The helpers' samples with crop keypoints for keypoint space."""
    samples = copy.deepcopy(samples)
    for s, xy in zip(samples, points(len(samples), seed)):
        s.gt_instances.transformed_keypoints = xy[None].numpy()
    return samples


def test_mixed_pair_step_trains_f_and_g_only():
    """Heatmap f and SimCC g with reviewers: every loss term is finite, a
    step changes f and g and no reviewer; each student's terms are in its
    own codec."""
    model = build(net_g=simcc_net(), burn_in_iters=0)
    assert model.target_space == 'keypoint'
    set_iter(3)
    inputs, samples = batch(n_l=2, n_u=2)
    samples = labeled_with_keypoints(samples)
    before = copy.deepcopy(model.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    losses = model.loss(inputs, samples)
    assert {
        'sup_f_loss_kpt', 'sup_g_loss_kpt', 'unsup_g_teacher_loss_kpt',
        'unsup_f_reviewer_loss_kpt'
    } <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())
    sum(losses.values()).backward()
    opt.step()
    after = model.state_dict()
    changed = {
        k.split('.')[0]
        for k in before if not torch.equal(before[k], after[k])
    }
    assert changed == {'net_f', 'net_g'}


def test_rle_student_trains_from_a_heatmap_teacher():
    """A heatmap f and an RLE g: g's terms are RLELoss on its regressed
    coordinates, finite, and a step changes g."""
    model = build(net_g=rle_net(), burn_in_iters=0, use_reviewers=False)
    set_iter(3)
    inputs, samples = batch(n_l=2, n_u=2)
    losses = model.loss(inputs, labeled_with_keypoints(samples))
    assert {'sup_g_loss_kpt', 'unsup_g_teacher_loss_kpt'} <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())
    before = copy.deepcopy(model.net_g.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sum(losses.values()).backward()
    opt.step()
    assert any(not torch.equal(before[k], v)
               for k, v in model.net_g.state_dict().items())


def test_mixed_pair_unsup_terms_fall_as_the_student_follows():
    """With the teachers' guidance fixed (one batch, the affine off), a few
    steps lower the students' unsupervised terms: the targets they get are
    consistent, learnable keypoints."""
    model = build(
        net_g=simcc_net(),
        burn_in_iters=0,
        use_reviewers=False,
        hard_view=dict(type='HardViewAffine', rot_factor=0., scale_factor=0.))
    set_iter(3)
    inputs, samples = batch(n_l=2, n_u=2)
    samples = labeled_with_keypoints(samples)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    unsup = []
    for _ in range(25):
        losses = model.loss(inputs, samples)
        unsup.append(
            float(sum(v for k, v in losses.items() if k.startswith('unsup'))))
        opt.zero_grad()
        sum(losses.values()).backward()
        opt.step()
    assert unsup[-1] < 0.7 * unsup[0]


def test_sspcm_in_keypoint_space_trains_a_simcc_student():
    """SSPCM with heatmap teachers and a SimCC student: PCM compares the
    decoded keypoints; the student learns from the chosen pair's mean."""
    model = MODELS.build(
        dict(
            type='SSPCMPoseEstimator',
            net_f=tiny_pose_net(),
            net_s=simcc_net(),
            data_preprocessor=dict(type='PoseDataPreprocessor'),
            snapshot_interval=1))
    assert model.target_space == 'keypoint'
    set_iter(3)
    inputs, samples = batch(n_l=2, n_u=2)
    losses = model.loss(inputs, labeled_with_keypoints(samples))
    assert {
        'unsup_s_pcm_loss_kpt', 'unsup_g_teacher_loss_kpt', 'sup_s_loss_kpt'
    } <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())


def test_pcm_on_keypoints_picks_the_closest_pair():
    from mmpose_trs.models.pcm import PAIRS, pcm_pseudo_label, score_mask
    pts = {
        'f': torch.tensor([[[0., 0., .9]]]),
        'g': torch.tensor([[[10., 0., .5]]]),
        'snapshot_f': torch.tensor([[[9., 0., .7]]]),
        'snapshot_g': torch.tensor([[[30., 0., .1]]]),
    }
    pseudo, choice = pcm_pseudo_label(pts)
    assert PAIRS[int(choice)] == ('snapshot_f', 'g')
    torch.testing.assert_close(pseudo, torch.tensor([[[9.5, 0., .6]]]))
    assert score_mask(pts['f'], pts['g'], 0.6).tolist() == [[1.]]
    assert score_mask(pts['f'], pts['g'], 0.8).tolist() == [[0.]]
