"""SSPCM, Single (PoseCons) and multi-path hard views on the shared base:
which networks exist, which a step changes, snapshots, loss keys."""
import copy

import pytest
import torch
from helpers import DATA_PREPROCESSOR, batch, set_iter, tiny_pose_net

from mmpose.registry import MODELS
from mmpose_trs.models import SemiPoseEstimator, SinglePoseEstimator


def _build(type, **kwargs):
    torch.manual_seed(0)
    return MODELS.build(
        dict(
            type=type,
            net_f=tiny_pose_net(),
            data_preprocessor=DATA_PREPROCESSOR,
            **kwargs))


def _step_changes(model, it=0):
    """Modules whose weights or statistics one SGD step changes."""
    set_iter(it)
    model.train()
    before = copy.deepcopy(model.state_dict())
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad],
                          lr=0.1)
    losses = model.loss(*batch())
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    opt.step()
    after = model.state_dict()
    return losses, {
        k.split('.')[0]
        for k in before if not torch.equal(before[k], after[k])
    }


def test_sspcm_networks_and_step():
    model = _build('SSPCMPoseEstimator', snapshot_interval=5)
    assert isinstance(model, SemiPoseEstimator)
    assert model.trained_names == ('f', 'g', 's')
    assert model.copy_names == ('snapshot_f', 'snapshot_g')
    assert model.predictor_names == ('f', 'g', 's')
    assert model.test_cfg['predict_on'] == 's'
    losses, changed = _step_changes(model, it=1)
    assert {k
            for k in losses if k.startswith('unsup')} == {
                'unsup_g_teacher_loss_kpt', 'unsup_f_teacher_loss_kpt',
                'unsup_s_pcm_loss_kpt'
            }
    # trained networks move; snapshots predict in train-mode BatchNorm (as
    # SSPCM runs them), so only their running statistics move
    assert changed == {'net_f', 'net_g', 'net_s', 'snapshot_f', 'snapshot_g'}
    assert all(p.grad is None for p in model.snapshot_f.parameters())
    model.teacher_bn_mode = 'eval'
    _, changed = _step_changes(model, it=1)
    assert changed == {'net_f', 'net_g', 'net_s'}


def test_snapshots_refresh_at_the_interval_only():
    model = _build('SSPCMPoseEstimator', snapshot_interval=3)
    w = lambda name: model.network(name).head.final_layer.weight  # noqa
    assert model.refresh_snapshots(0)
    assert torch.equal(w('snapshot_f'), w('f'))
    with torch.no_grad():
        w('f').add_(1.)
    for it in (1, 2, 4):
        assert not model.refresh_snapshots(it)
        assert not torch.equal(w('snapshot_f'), w('f'))
    assert model.refresh_snapshots(6)
    assert torch.equal(w('snapshot_f'), w('f'))
    assert torch.equal(w('snapshot_g'), w('g'))
    with pytest.raises(ValueError, match='snapshot_interval'):
        _build('SSPCMPoseEstimator', snapshot_interval=0)


def test_sspcm_epoch_snapshots_follow_the_loop():
    """snapshot_interval='epoch' (SSPCM's default) refreshes every epoch of
    the mixed stream as the loop records it, and says what to do without
    that loop."""
    from mmengine.logging import MessageHub

    from mmpose_trs.utils.branches import EPOCH_ITERS
    model = _build('SSPCMPoseEstimator')
    assert model.snapshot_interval == 'epoch'
    hub = MessageHub.get_instance('sspcm_epoch_test')
    with pytest.raises(RuntimeError, match='MixedEpochTrainLoop'):
        model.snapshot_period()
    hub.update_info(EPOCH_ITERS, 4)
    assert model.snapshot_period() == 4
    assert model.refresh_snapshots(8) and not model.refresh_snapshots(6)


def test_sspcm_score_mask_zeroes_low_score_keypoints(monkeypatch):
    """score_thr above every peak: every unsupervised term is 0."""
    model = _build('SSPCMPoseEstimator', score_thr=1e9, snapshot_interval=5)
    set_iter(1)
    losses = model.loss(*batch())
    for k, v in losses.items():
        if k.startswith('unsup'):
            assert v.item() == 0., k


def test_sspcm_student_with_another_backbone():
    student = tiny_pose_net()
    student['backbone']['base_channels'] = 4
    student['head']['in_channels'] = 32
    model = _build('SSPCMPoseEstimator', net_s=student, snapshot_interval=5)
    assert model.net_s.head.in_channels == 32
    plain = copy.deepcopy(model.net_f.state_dict())
    init_s = copy.deepcopy(model.net_s.state_dict())
    model.load_state_dict(plain, strict=False)
    key = 'head.final_layer.weight'
    for name in ('g', 'snapshot_f', 'snapshot_g'):
        assert torch.equal(model.network(name).state_dict()[key], plain[key])
    assert torch.equal(model.net_s.state_dict()[key], init_s[key])
    _, changed = _step_changes(model, it=1)
    assert 'net_s' in changed


def test_single_trains_one_network_on_itself():
    model = _build(
        'SinglePoseEstimator',
        pre_affine_aug=dict(
            type='TeacherJointCutout', k=5, patch_size=4, score_thr=None))
    assert isinstance(model, SinglePoseEstimator)
    assert model.predictor_names == ('f', ) and model.copy_names == ()
    assert (model.sup_weight, model.unsup_weight) == (1.0, 1.0)
    losses, changed = _step_changes(model)
    assert set(losses) == {
        'sup_f_loss_kpt', 'sup_f_acc_pose', 'unsup_f_teacher_loss_kpt'
    }
    assert changed == {'net_f'}


PATHS = [[
    dict(type='TeacherCutOcclude', k=2, patch_size=4),
    dict(type='RandomCutout', num=2, patch_size=4)
],
         [
             dict(
                 type='TeacherJointCutout', k=3, patch_size=4, score_thr=None),
             dict(type='RandomCutMix', num=2, half_size=(2, 4))
         ]]


def test_multi_path_views_share_one_affine_and_targets(monkeypatch):
    model = _build('TRSPoseEstimator', hard_paths=PATHS)
    assert model.num_paths == 2 and model.pre_affine_aug is None
    x_u = torch.randn(3, 3, 64, 32)
    guides = dict(teacher=[torch.rand(3, 17, 16, 8)])
    torch.manual_seed(0)
    hard, warped, mask = model.hard_views(x_u, guides['teacher'][-1], guides)
    assert len(hard) == 2 and all(h.shape == x_u.shape for h in hard)
    assert not torch.equal(hard[0], hard[1])
    assert warped['teacher'][0].shape == (3, 17, 16, 8)
    assert mask.shape == (3, 1, 16, 8)
    # same affine: without augmentations both paths are the same image
    model.hard_paths = [[], []]
    hard, _, _ = model.hard_views(x_u, guides['teacher'][-1], guides)
    torch.testing.assert_close(hard[0], hard[1])


def test_multi_path_losses_per_path_and_role():
    model = _build('TRSPoseEstimator', hard_paths=PATHS)
    losses, changed = _step_changes(model)
    unsup = sorted(k for k in losses if k.startswith('unsup'))
    assert unsup == sorted(f'unsup_{s}_{r}_p{p}_loss_kpt' for s in 'fg'
                           for r in ('teacher', 'reviewer') for p in (0, 1))
    assert changed == {'net_f', 'net_g'}  # reviewers: only by the hook
    with pytest.raises(ValueError, match='not both'):
        _build(
            'TRSPoseEstimator',
            hard_paths=PATHS,
            pre_affine_aug=dict(type='RandomCutout'))
    with pytest.raises(ValueError, match='hard_paths'):
        _build('TRSPoseEstimator', hard_paths=[dict(type='RandomCutout')])
