"""heads_forward (plain and multi-level heads), bn_mode, check_choice."""
import pytest
import torch
from helpers import tiny_pose_net

from mmpose.registry import MODELS
from mmpose_trs.models.network_ops import bn_mode, check_choice, heads_forward


def test_heads_forward_plain_and_multi_level():
    torch.manual_seed(0)
    plain = MODELS.build(tiny_pose_net())
    x = torch.randn(2, 3, 64, 32)
    levels = heads_forward(plain, x)
    assert len(levels) == 1 and levels[0].shape == (2, 17, 16, 8)
    assert torch.equal(levels[0], plain.head.forward(plain.extract_feat(x)))
    mfl = tiny_pose_net()
    mfl['backbone']['out_indices'] = (2, 3)
    mfl['head'] = dict(
        mfl['head'], type='MultiLevelHeatmapHead', in_channels=(32, 64))
    mfl = MODELS.build(mfl)
    levels = heads_forward(mfl, x)
    assert len(levels) == 2 and all(t.shape == (2, 17, 16, 8) for t in levels)


def test_bn_mode_switches_and_restores():
    net = torch.nn.BatchNorm1d(3).train()
    with bn_mode(net, 'eval'):
        assert not net.training
    assert net.training
    net.eval()
    with pytest.raises(RuntimeError):
        with bn_mode(net, 'train'):
            assert net.training
            raise RuntimeError
    assert not net.training


def test_check_choice_names_the_option():
    check_choice('mode', 'a', ('a', 'b'))
    with pytest.raises(
            ValueError, match=r"mode must be one of \('a', 'b'\), "
            "got 'c'"):
        check_choice('mode', 'c', ['a', 'b'])
