"""TRSPoseEstimator: losses, gradients, reviewers, BN policy, predict, load."""
import copy

import numpy as np
import pytest
import torch
from helpers import batch, build, set_iter, tiny_pose_net

from mmpose.registry import MODELS
from mmpose_trs.engine import ema_update
from mmpose_trs.models import TRSPoseEstimator


def test_registered_and_builds_four_networks():
    model = build()
    assert isinstance(model, TRSPoseEstimator)
    for name in ('net_f', 'net_g', 'reviewer_f', 'reviewer_g'):
        assert hasattr(model, name)
    assert model.predictor_names == ('f', 'g', 'reviewer_f', 'reviewer_g')
    # f and g are initialised independently
    pf = next(model.net_f.parameters())
    pg = next(model.net_g.parameters())
    assert not torch.equal(pf, pg)
    assert all(not p.requires_grad for p in model.reviewer_f.parameters())


def test_without_reviewers_none_built_or_used():
    model = build(use_reviewers=False)
    assert not hasattr(model, 'reviewer_f') and not hasattr(
        model, 'reviewer_g')
    set_iter(0)
    losses = model.loss(*batch())
    assert not any('reviewer' in k for k in losses)
    assert 'unsup_g_teacher_loss_kpt' in losses


def test_loss_keys_and_burn_in():
    model = build(burn_in_iters=5, unsup_weight=0.5)
    set_iter(2)
    burn = model.loss(*batch())
    assert set(burn) == {
        'sup_f_loss_kpt', 'sup_g_loss_kpt', 'sup_f_acc_pose', 'sup_g_acc_pose'
    }
    set_iter(5)
    full = model.loss(*batch())
    for net in ('f', 'g'):
        for role in ('teacher', 'reviewer'):
            assert f'unsup_{net}_{role}_loss_kpt' in full
    assert all(torch.isfinite(v).all() for v in full.values())


def test_unsup_weight_ramp():
    model = build(burn_in_iters=10, unsup_weight=0.5, unsup_rampup_iters=4)
    assert [model.unsup_scale(i) for i in (9, 10, 11, 13, 50)] == \
        [0., 0.125, 0.25, 0.5, 0.5]


def test_step_changes_f_and_g_not_reviewers():
    model = build()
    set_iter(0)
    before = copy.deepcopy(model.state_dict())
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad],
                          lr=0.1)
    losses = model.loss(*batch())
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    for r in (model.reviewer_f, model.reviewer_g):
        assert all(p.grad is None for p in r.parameters())
    opt.step()
    after = model.state_dict()
    changed = {
        k.split('.')[0]
        for k in before if not torch.equal(before[k], after[k])
    }
    assert {'net_f', 'net_g'} <= changed
    # reviewers: no weight and no BatchNorm statistic moved
    assert not {
        k
        for k in before
        if k.startswith('reviewer') and not torch.equal(before[k], after[k])
    }


def test_reviewer_pairing_picks_the_right_reviewer(monkeypatch):
    """With pairing 'teacher' the student g is guided by reviewer_f; with
    'student' by reviewer_g (checked through the hard-view targets)."""
    for pairing, expect in (('teacher', 'reviewer_f'), ('student',
                                                        'reviewer_g')):
        model = build(reviewer_pairing=pairing)
        seen = []
        orig = model.hard_view.__class__.__call__

        def spy(self, images, heatmaps, scale=None, _orig=orig, _seen=seen):
            _seen.append([h.clone() for h in heatmaps])
            return _orig(self, images, heatmaps, scale)

        monkeypatch.setattr(model.hard_view.__class__, '__call__', spy)
        set_iter(0)
        x, ds = batch()
        x_u = x[2:]
        with torch.no_grad():
            ref = model.network(expect).head(
                model.network(expect).extract_feat(x_u))
        model.loss(x, ds)
        # first call: student g, guides = [teacher f, reviewer]
        assert torch.allclose(seen[0][1], ref, atol=1e-6)
        monkeypatch.undo()


def test_reviewers_stay_in_eval_mode_after_train():
    model = build()
    model.train()
    assert model.net_f.training and model.net_g.training
    assert not model.reviewer_f.training and not model.reviewer_g.training
    assert all(not m.training for m in model.reviewer_g.modules())


@pytest.mark.parametrize('mode,updates', [('train', True), ('eval', False)])
def test_teacher_bn_policy(mode, updates):
    """Teachers in 'train' mode update their BN running stats on the easy
    view; in 'eval' mode they do not; reviewers never do."""
    model = build(teacher_bn_mode=mode).train()
    x_u = torch.randn(3, 3, 64, 32)
    bn_f = model.net_f.backbone.bn1
    bn_r = model.reviewer_f.backbone.bn1
    mean_f, mean_r = bn_f.running_mean.clone(), bn_r.running_mean.clone()
    model.guide_predictions(x_u, model.predictor_names)
    assert (not torch.equal(mean_f, bn_f.running_mean)) == updates
    assert torch.equal(mean_r, bn_r.running_mean)
    assert model.net_f.training  # restored


def test_train_reviewers_on_labeled_adds_their_loss():
    model = build(train_reviewers_on_labeled=True)
    set_iter(0)
    losses = model.loss(*batch())
    assert 'sup_reviewer_f_loss_kpt' in losses
    assert all(p.requires_grad for p in model.reviewer_f.parameters())


def test_predict_uses_the_named_network():
    model = build().eval()
    x, ds = batch(0, 2)
    out_f = model.predict(x, copy.deepcopy(ds), net='f')
    out_rf = model.predict(x, copy.deepcopy(ds), net='reviewer_f')
    out_g = model.predict(x, copy.deepcopy(ds), net='g')
    kf = out_f[0].pred_instances.keypoints
    assert np.allclose(kf, out_rf[0].pred_instances.keypoints)
    assert not np.allclose(kf, out_g[0].pred_instances.keypoints)
    with pytest.raises(ValueError, match='net must be one of'):
        model.predict(x, ds, net='h')
    default = model.predict(x, copy.deepcopy(ds))
    assert np.allclose(default[0].pred_instances.keypoints, kf)


def test_ema_update_formula():
    """Reviewer weights follow theta_r <- a*theta_r + (1-a)*theta."""
    model = build()
    a = 0.9
    expected = {
        k: v.clone().float()
        for k, v in model.reviewer_f.state_dict().items()
    }
    for _ in range(3):
        with torch.no_grad():
            for p in model.net_f.parameters():
                p.add_(0.01)
        net = model.net_f.state_dict()
        for k in expected:
            if net[k].dtype.is_floating_point:
                expected[k] = a * expected[k] + (1 - a) * net[k]
            else:
                expected[k] = net[k].clone().float()
        ema_update(model.reviewer_f, model.net_f, a)
    for k, v in model.reviewer_f.state_dict().items():
        assert torch.allclose(v.float(), expected[k], atol=1e-6), k


def test_plain_checkpoint_initialises_all_four():
    model = build()
    plain = MODELS.build(tiny_pose_net())
    model.load_state_dict(plain.state_dict())
    for name in ('net_f', 'net_g', 'reviewer_f', 'reviewer_g'):
        sub = getattr(model, name).state_dict()
        for k, v in plain.state_dict().items():
            assert torch.equal(sub[k], v), (name, k)


def test_bad_choices_are_rejected():
    with pytest.raises(ValueError, match='reviewer_pairing'):
        build(reviewer_pairing='both')
    with pytest.raises(ValueError, match='predict_on'):
        build(use_reviewers=False, test_cfg=dict(predict_on='reviewer_f'))


def test_f_and_g_may_differ():
    """Paper Table X: f and g with different backbones (here widths)."""
    net_g = tiny_pose_net()
    net_g['backbone'].update(stem_channels=16, base_channels=16)
    net_g['head']['in_channels'] = 128
    model = build(net_g=net_g)
    assert model.net_g.backbone.stem_channels == 16
    assert model.reviewer_g.head.in_channels == 128
    set_iter(0)
    losses = model.loss(*batch())
    assert torch.isfinite(losses['unsup_f_teacher_loss_kpt'])
    assert torch.isfinite(losses['unsup_g_reviewer_loss_kpt'])


def test_predict_with_flip_test_matches_the_network():
    """Flip test comes from the network's own test_cfg, through MMPose."""
    model = build(net_f=tiny_pose_net(flip_test=True)).eval()
    x, ds = batch(0, 2)
    ours = model.predict(x, copy.deepcopy(ds), net='f')
    plain = model.net_f.predict(x, copy.deepcopy(ds))
    assert model.net_f.test_cfg['flip_test'] is True
    np.testing.assert_allclose(ours[0].pred_instances.keypoints,
                               plain[0].pred_instances.keypoints)


@pytest.mark.parametrize('aug', [
    dict(type='TeacherKeypointMix', k=3, patch_size=4, score_thr=-1.),
    dict(type='TeacherJointCutout', k=5, patch_size=4, score_thr=-1.),
    dict(type='RandomCutout', num=1, patch_size=8)
])
def test_pre_affine_aug_builds_the_hard_view(aug, monkeypatch):
    """The hard view starts from the easy view after the augmentation (KM at
    the teacher's keypoints, or Table IX's alternatives)."""
    model = build(pre_affine_aug=aug)
    seen = []
    orig = type(model.hard_view).__call__

    def spy(self, images, heatmaps, heatmap_scale=None):
        seen.append(images.clone())
        return orig(self, images, heatmaps, heatmap_scale)

    monkeypatch.setattr(type(model.hard_view), '__call__', spy)
    set_iter(0)
    x, ds = batch()
    losses = model.loss(x, ds)
    assert torch.isfinite(losses['unsup_f_teacher_loss_kpt'])
    assert len(seen) == 2 and seen[0].shape == x[2:].shape
    assert not torch.equal(seen[0], x[2:])


def test_loss_weights_scale_each_term():
    """sup_weight scales the supervised terms and unsup_weight each guide's
    unsupervised term; the defaults are Xie et al.'s 0.5 and 1."""
    assert (build().sup_weight, build().unsup_weight) == (0.5, 1.0)
    set_iter(0)
    ref = build(sup_weight=1.0, unsup_weight=1.0)
    torch.manual_seed(1)
    base = ref.loss(*batch())
    alt = build(sup_weight=0.5, unsup_weight=0.25)
    torch.manual_seed(1)
    scaled = alt.loss(*batch())
    for key, value in base.items():
        if 'acc' in key:
            continue
        factor = 0.5 if key.startswith('sup_') else 0.25
        assert torch.allclose(scaled[key], factor * value, rtol=1e-5), key


def test_student_forward_separate_normalises_each_part():
    """'separate': BatchNorm statistics of the labeled and the hard-view
    crops apart (two forwards), as Xie et al.; 'joint' mixes them."""
    from mmpose_trs.models.network_ops import heads_forward
    model = build(student_forward='separate')
    model.train()
    x_l, hard = torch.randn(3, 3, 64, 32), torch.randn(2, 3, 64, 32) * 3
    out = model.student_levels(model.net_f, x_l, [hard])[0]
    assert out.shape[0] == 5
    torch.testing.assert_close(out[:3], heads_forward(model.net_f, x_l)[0])
    torch.testing.assert_close(out[3:], heads_forward(model.net_f, hard)[0])
    model.student_forward = 'joint'
    joint = model.student_levels(model.net_f, x_l, [hard])[0]
    assert not torch.allclose(joint[:3], out[:3])
    with pytest.raises(ValueError, match='student_forward'):
        build(student_forward='both')
