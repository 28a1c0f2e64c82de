"""Network names and the TRS <-> plain conversions of configs and weights."""
import pytest
import torch
from helpers import build

from mmpose_trs.utils.networks import (REPORTED, config_key, module_name,
                                       network_config, network_configs,
                                       plain_weights, reviewers_from_networks,
                                       trs_weights, unwrap)


def test_names():
    assert [
        module_name(n) for n in ('f', 'g', 's', 'reviewer_f', 'snapshot_g')
    ] == ['net_f', 'net_g', 'net_s', 'reviewer_f', 'snapshot_g']
    assert config_key('reviewer_g') == 'net_g' and config_key('f') == 'net_f'
    assert config_key('snapshot_s') == 'net_s'
    assert REPORTED[-2:] == ('ensemble', 'fg_mean') and len(REPORTED) == 6
    for bad in ('F', 'fg_mean', 'reviewer_', 'ema_f', 3):
        with pytest.raises(ValueError, match='network names'):
            module_name(bad)


def test_network_configs_default_g_to_f():
    cfg = dict(type='TRSPoseEstimator', net_f=dict(a=1), net_g=None)
    assert network_config(cfg, 'g') == dict(a=1)
    assert network_config(cfg, 'reviewer_g') == dict(a=1)
    assert network_configs(cfg) == [dict(a=1)]
    assert network_configs(dict(
        type='TopdownPoseEstimator')) == [dict(type='TopdownPoseEstimator')]
    sspcm = dict(type='SSPCMPoseEstimator', net_f=dict(a=1), net_s=dict(b=2))
    assert network_config(sspcm, 'snapshot_g') == dict(a=1)
    assert network_config(sspcm, 's') == dict(b=2)
    assert network_configs(sspcm) == [dict(a=1), dict(b=2)]
    with pytest.raises(ValueError, match='not a semi-supervised'):
        network_config(dict(type='TopdownPoseEstimator'), 'f')


def test_weights_round_trip_on_a_real_model():
    """plain weights of g -> every network -> plain again, equal; reviewers
    start equal to their networks."""
    state = build().state_dict()
    g = plain_weights(state, 'g')
    assert g and all(not k.startswith('net_') for k in g)
    assert torch.equal(g['head.final_layer.weight'],
                       state['net_g.head.final_layer.weight'])
    spread = trs_weights(g, ('f', 'reviewer_g'))
    assert set(spread) == {f'net_f.{k}'
                           for k in g} | {f'reviewer_g.{k}'
                                          for k in g}
    assert plain_weights(spread, 'reviewer_g').keys() == g.keys()
    fresh = reviewers_from_networks(state)
    for k, v in plain_weights(state, 'f').items():
        assert torch.equal(fresh[f'reviewer_f.{k}'], v)


def test_unwrap_returns_the_inner_model():
    from mmengine.model import MMDistributedDataParallel
    model = torch.nn.Linear(2, 2)

    class Fake(MMDistributedDataParallel):

        def __init__(self, module):
            torch.nn.Module.__init__(self)
            self.module = module

    assert unwrap(model) is model and unwrap(Fake(model)) is model
