"""TargetAccuracyHook: targets in the hard frame against hidden keypoints;
recording and the hidden truth change nothing of training."""
import copy
import math

import numpy as np
import pytest
import torch
from helpers import batch, build, set_iter

from mmpose.codecs import MSRAHeatmap
from mmpose_trs.engine.target_accuracy_hook import (TargetAccuracyHook,
                                                    unlabeled_truth)
from mmpose_trs.engine.target_metrics import (agreement, hard_truth,
                                              target_accuracy)
from mmpose_trs.models.hard_view import (HardViewAffine, pixel_affine,
                                         points_to_hard)
from mmpose_trs.models.target_record import TargetRecord

W, H, K = 48, 64, 17
CODEC = MSRAHeatmap(input_size=(W, H), heatmap_size=(12, 16), sigma=1.)


def truth_points(n, seed=0):
    """Keypoints well inside the crop, COCO visibilities 1 and 2."""
    rng = np.random.default_rng(seed)
    pts = rng.uniform([14, 18], [W - 14, H - 18], (n, K, 2))
    vis = rng.choice([1., 2.], (n, K))
    return torch.tensor(pts, dtype=torch.float32), torch.tensor(vis)


def easy_heatmaps(points):
    """The codec's heatmaps at ``points`` [N, K, 2]: an oracle guide."""
    return torch.stack([
        torch.from_numpy(
            CODEC.encode(p[None].numpy(), np.ones((1, K)))['heatmaps'])
        for p in points
    ]).float()


def test_to_hard_frame_inverts_the_pixel_map():
    """The hard view's pixel q shows the easy pixel M q: points_to_hard(M q)
    is q; the identity map keeps points."""
    q = torch.tensor([[[3., 4.], [20., 50.]]])
    mat = pixel_affine(torch.tensor([0.4]), torch.tensor([1.2]), W, H)
    p = (torch.cat([q, torch.ones(1, 2, 1)], -1) @ mat[0].T)[..., :2]
    torch.testing.assert_close(points_to_hard(p, mat), q)
    eye = torch.eye(3)[None]
    torch.testing.assert_close(points_to_hard(q, eye), q)


def test_oracle_targets_are_exact_and_a_wrong_truth_is_not():
    """Truth heatmaps warped by the hard view score PCK 1 and sub-cell error
    against the truth moved into the hard frame; the same targets against
    another crop's truth score far lower (the frames are what is tested)."""
    torch.manual_seed(0)
    points, vis = truth_points(8)
    aff = HardViewAffine(rot_factor=30., scale_factor=0.25, rot_prob=1.)
    _, (warped, ), mask = aff(torch.zeros(8, 3, H, W), [easy_heatmaps(points)])
    box = torch.full((8, ), 40.)
    scale = aff.last_heatmap_scale
    truth = hard_truth(points, vis, box, aff.last_matrix, mask, scale)
    assert truth['judged'].sum() > 0.8 * 8 * K
    acc = target_accuracy(warped, truth, scale, thr=0.2)
    assert acc['pck_all'] == 1.
    assert acc['err_all'] < 0.75 * math.hypot(*scale)
    assert acc['n_all'] == acc['n_vis'] + acc['n_occ'] == truth['judged'].sum()
    wrong = hard_truth(
        points.roll(1, 0), vis, box, aff.last_matrix, mask, scale)
    assert target_accuracy(warped, wrong, scale, thr=0.2)['pck_all'] < 0.3
    assert agreement(warped, warped, truth, scale, 0.05) == 1.


def test_zoom_scales_the_box_and_masked_points_are_not_judged():
    """A zoom-out by 2 (inverse map scale 2) halves the box; a keypoint where
    the mask is off is not judged."""
    points, vis = truth_points(1)
    mat = pixel_affine(torch.zeros(1), torch.full((1, ), 2.), W, H)
    mask = torch.ones(1, 1, 16, 12)
    mask[..., :8, :] = 0  # the upper half
    truth = hard_truth(points, vis, torch.tensor([40.]), mat, mask, (4., 4.))
    assert float(truth['box']) == pytest.approx(20.)
    upper = truth['points'][0, :, 1] / 4. < 7.5
    assert not truth['judged'][0, upper].any()
    assert truth['judged'][0, ~upper].all()


def with_hidden(samples, points, vis):
    """Give the unlabeled samples hidden keypoints (in batch order)."""
    samples = copy.deepcopy(samples)
    unl = [s for s in samples if s.metainfo['semi_branch'] == 'unlabeled']
    for s, p, v in zip(unl, points, vis):
        s.gt_instances.hidden_keypoints = p[None].numpy()
        s.gt_instances.hidden_keypoints_visible = v[None].numpy()
        s.gt_instances.hidden_box_size = np.array([40.], np.float32)
    return samples


def train_step(model, inputs, samples, record=False, seed=1):
    """One loss and Adam step from fixed weights and RNG; returns the
    losses, the weights and the record."""
    model = copy.deepcopy(model)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.target_record = TargetRecord() if record else None
    torch.manual_seed(seed)
    data = model.data_preprocessor(
        dict(inputs=inputs, data_samples=samples), True)
    losses = model.loss(data['inputs'], data['data_samples'])
    sum(losses.values()).backward()
    opt.step()
    return losses, model.state_dict(), model.target_record


def test_hidden_truth_and_recording_leave_the_step_bit_identical():
    """Permuted hidden keypoints, or recording the targets, give the same
    losses and the same updated weights, bit for bit; the record holds each
    student's teacher and reviewer targets."""
    model = build(burn_in_iters=0)
    set_iter(5)
    inputs, samples = batch(n_l=2, n_u=3)
    inputs = list(inputs.mul(40).add(120).clamp(0, 255).to(torch.uint8))
    points, vis = truth_points(3)
    base = train_step(model, inputs, with_hidden(samples, points, vis))
    perm = torch.randperm(K)
    other = train_step(
        model,
        inputs,
        with_hidden(samples, points[:, perm].flip(0), vis.flip(0)),
        record=True)
    assert base[0].keys() == other[0].keys()
    for key in base[0]:
        assert torch.equal(base[0][key], other[0][key]), key
    for key in base[1]:
        assert torch.equal(base[1][key], other[1][key]), key
    record = other[2]
    assert set(record.students) == {'f', 'g'}
    assert set(record.students['g']['targets']) == {'teacher', 'reviewer'}
    assert record.students['g']['targets']['teacher'].shape == (3, K, 16, 8)
    assert set(record.easy) >= {'f', 'g', 'reviewer_f', 'reviewer_g'}


def test_measure_reports_every_guide_of_every_student():
    model = build(burn_in_iters=0)
    set_iter(5)
    inputs, samples = batch(n_l=2, n_u=3)
    points, vis = truth_points(3)
    points = points * torch.tensor([32. / W, 64. / H])  # helpers' crops
    samples = with_hidden(samples, points, vis)
    _, _, record = train_step(model, list(inputs), samples, record=True)
    hook = TargetAccuracyHook(interval=1)
    out = hook.measure(record, unlabeled_truth(dict(data_samples=samples)))
    assert set(out) == {'f', 'g'}
    for student in out.values():
        assert set(student) == {
            'teacher', 'reviewer', 'ensemble', 'agree_teacher_reviewer'
        }
        assert 0 <= student['teacher']['pck_all'] <= 1
        assert student['teacher']['n_all'] > 0
        assert student['teacher']['err_all'] > 0


def test_unlabeled_samples_without_truth_are_named():
    _, samples = batch(n_l=1, n_u=1)
    samples[1].set_metainfo(dict(img_path='x/y.jpg'))
    with pytest.raises(ValueError, match='x/y.jpg.*hidden_keypoints_file'):
        unlabeled_truth(dict(data_samples=samples))


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match='interval >= 1'):
        TargetAccuracyHook(interval=0)
    with pytest.raises(ValueError, match='0 < thr < 1'):
        TargetAccuracyHook(thr=1.5)
