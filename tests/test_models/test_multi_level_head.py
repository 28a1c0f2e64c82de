"""MultiLevelHeatmapHead: shapes, per-level losses, HeatmapHead equivalence,
and TRS with MFL."""
import copy

import numpy as np
import pytest
import torch
from helpers import batch, build, set_iter, tiny_pose_net

from mmpose.registry import MODELS
from mmpose_trs.models import MultiLevelHeatmapHead


def head_cfg(**kw):
    cfg = dict(
        type='MultiLevelHeatmapHead',
        in_channels=(32, 64),
        out_channels=17,
        deconv_out_channels=(16, 16, 16),
        deconv_kernel_sizes=(4, 4, 4),
        decoder=dict(
            type='MSRAHeatmap',
            input_size=(32, 64),
            heatmap_size=(8, 16),
            sigma=1.))
    cfg.update(kw)
    return cfg


def feats(n=2):
    torch.manual_seed(0)
    return (torch.rand(n, 16, 16, 8), torch.rand(n, 32, 4,
                                                 2), torch.rand(n, 64, 2, 1))


def mfl_net(levels=2):
    net = tiny_pose_net()
    net['backbone']['out_indices'] = tuple(range(4 - levels, 4))
    chans = (8, 16, 32, 64)[4 - levels:]
    net['head'] = dict(
        head_cfg(in_channels=chans, deconv_out_channels=(16, 16, 16)),
        loss=dict(type='KeypointMSELoss', use_target_weight=True))
    return net


@pytest.mark.parametrize('n', [1, 2, 3])
def test_levels_shapes(n):
    chans = (16, 32, 64)[3 - n:]
    head = MODELS.build(head_cfg(in_channels=chans))
    out = head.forward_levels(feats())
    assert len(out) == n == head.num_levels
    assert all(o.shape == (2, 17, 16, 8) for o in out)
    assert head.forward(feats()).shape == (2, 17, 16, 8)


def test_hrnet_ordered_levels_are_a_clear_error():
    """HRNet's multiscale outputs come highest resolution first: the head
    refuses them instead of treating the stride-4 branch as shallow."""
    head = MODELS.build(head_cfg(in_channels=(32, 64)))
    hrnet_like = (torch.rand(2, 32, 2, 1), torch.rand(2, 64, 4, 2))
    with pytest.raises(ValueError, match=r'widths grow: \[1, 2\].*HRNet'):
        head.forward_levels(hrnet_like)


def test_loss_per_level_and_accuracy():
    head = MODELS.build(head_cfg())
    _, samples = batch(2, 0)
    losses = head.loss(feats(), samples)
    assert set(losses) == {'loss_kpt_l0', 'loss_kpt_l1', 'acc_pose'}
    assert all(torch.isfinite(v) for v in losses.values())


def test_final_level_equals_heatmap_head_with_same_weights():
    """A plain HeatmapHead checkpoint loads into the final level, and the
    final-level prediction equals that HeatmapHead's."""
    plain = MODELS.build(
        dict(
            type='HeatmapHead',
            in_channels=64,
            out_channels=17,
            deconv_out_channels=(16, 16, 16),
            decoder=head_cfg()['decoder']))
    for p in plain.parameters():
        p.data.normal_()
    mfl = MODELS.build(head_cfg())
    missing, unexpected = mfl.load_state_dict(plain.state_dict(), strict=False)
    assert not unexpected
    assert all(k.startswith('extra_levels.') for k in missing)
    plain.eval(), mfl.eval()
    f = feats()
    assert torch.allclose(mfl.forward_levels(f)[-1], plain(f))
    assert torch.allclose(mfl(f), plain(f))
    _, samples = batch(0, 2)
    ours = mfl.predict(f, copy.deepcopy(samples))
    ref = plain.predict(f, copy.deepcopy(samples))
    np.testing.assert_allclose(ours[0].keypoints, ref[0].keypoints)


def test_mean_test_level():
    head = MODELS.build(head_cfg(test_level='mean')).eval()
    levels = head.forward_levels(feats())
    assert torch.allclose(head(feats()), (levels[0] + levels[1]) / 2)
    with pytest.raises(ValueError, match='test_level'):
        MODELS.build(head_cfg(test_level='max'))


def test_explicit_level_deconv_layers_and_resize():
    """Level branches may use fewer deconvs; outputs are resized to the final
    level's size."""
    head = MODELS.build(head_cfg(level_deconv_layers=(1, 3)))
    out = head.forward_levels(feats())
    assert out[0].shape == out[1].shape == (2, 17, 16, 8)
    with pytest.raises(ValueError, match='out_indices'):
        head.forward_levels(feats()[-1:])


def test_plain_topdown_estimator_trains_a_step():
    """Usable as the head of a plain TopdownPoseEstimator."""
    torch.manual_seed(0)
    net = MODELS.build(mfl_net(2))
    x, samples = batch(2, 0)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    before = copy.deepcopy(net.head.extra_levels.state_dict())
    losses = net.loss(x, samples)
    assert {'loss_kpt_l0', 'loss_kpt_l1'} <= set(losses)
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    opt.step()
    after = net.head.extra_levels.state_dict()
    assert any(not torch.equal(before[k], after[k]) for k in before)


def test_trs_with_mfl_has_per_level_unsup_losses():
    model = build(net_f=mfl_net(2))
    set_iter(0)
    losses = model.loss(*batch())
    for net in ('f', 'g'):
        for role in ('teacher', 'reviewer'):
            for lv in (0, 1):
                assert f'unsup_{net}_{role}_loss_kpt_l{lv}' in losses
        assert f'sup_{net}_loss_kpt_l1' in losses
    assert isinstance(model.net_f.head, MultiLevelHeatmapHead)


def spy_unsup_targets(model, monkeypatch):
    """Record the targets of g's masked (unsupervised) loss calls and the
    first hard view's warped guide levels: ``(seen, captured)``."""
    seen, captured = [], {}
    orig = model.network('g').head.loss_module.forward

    def spy(output, target, target_weights=None, mask=None):
        if mask is not None:
            seen.append(target.clone())
        return orig(output, target, target_weights, mask)

    monkeypatch.setattr(model.network('g').head.loss_module, 'forward', spy)
    orig_hv = type(model.hard_view).__call__

    def hv(self, images, heatmaps, heatmap_scale=None):
        hard, warped, mask = orig_hv(self, images, heatmaps)
        captured.setdefault('warped', warped)
        return hard, warped, mask

    monkeypatch.setattr(type(model.hard_view), '__call__', hv)
    return seen, captured


def test_teacher_and_student_with_different_level_counts(monkeypatch):
    """f with MFL (2 levels) teaching a plain g (1 level): g's only level is
    trained against f's final level, not its first."""
    model = build(net_f=mfl_net(2), net_g=tiny_pose_net(), use_reviewers=False)
    seen, captured = spy_unsup_targets(model, monkeypatch)
    set_iter(0)
    losses = model.loss(*batch())
    assert 'unsup_g_teacher_loss_kpt' in losses  # g: one level
    assert 'unsup_f_teacher_loss_kpt_l1' in losses  # f: two levels
    assert torch.equal(seen[0], captured['warped'][1])  # f's final level


@pytest.mark.parametrize('mode', ['matched', 'final'])
def test_unsup_target_level(monkeypatch, mode):
    """'matched': the student's level i learns from the guide's level i;
    'final': every student level from the guide's final level."""
    model = build(
        net_f=mfl_net(2), use_reviewers=False, unsup_target_level=mode)
    seen, captured = spy_unsup_targets(model, monkeypatch)
    set_iter(0)
    model.loss(*batch())
    levels = captured['warped']  # g's student step comes first
    assert len(seen) == 2 and len(levels) == 2
    assert not torch.equal(levels[0], levels[1])
    first = levels[0] if mode == 'matched' else levels[1]
    assert torch.equal(seen[0], first)
    assert torch.equal(seen[1], levels[1])


def test_unsup_target_level_is_checked():
    with pytest.raises(ValueError, match='unsup_target_level'):
        build(net_f=mfl_net(2), unsup_target_level='mean')
