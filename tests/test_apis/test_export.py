"""Export pieces without training (the round trip through MMPose's own
inference is tests/test_e2e/test_export_round_trip.py): the MFL head to a
plain head, one network's config and weights."""
import pytest
import torch
from helpers import build, tiny_pose_net
from mmengine.config import Config

from mmpose_trs.apis import plain_config, plain_state_dict
from mmpose_trs.apis.export import export_dataset_meta, plain_head


def _mfl_net():
    net = tiny_pose_net()
    net['head'] = dict(
        net['head'],
        type='MultiLevelHeatmapHead',
        in_channels=(32, 64),
        level_deconv_layers=(2, 3))
    return net


def test_plain_head_keeps_the_final_level():
    net = _mfl_net()
    assert plain_head(net)
    assert net['head']['type'] == 'HeatmapHead'
    assert net['head']['in_channels'] == 64
    assert len(net['head']['deconv_out_channels']) == 3
    mean = _mfl_net()
    mean['head']['test_level'] = 'mean'
    assert not plain_head(mean)  # needs the plugin's head
    assert mean['head']['type'] == 'MultiLevelHeatmapHead'


def test_plain_config_of_a_reviewer_uses_its_networks_config():
    cfg = Config(
        dict(
            model=dict(
                type='TRSPoseEstimator',
                net_f=tiny_pose_net(),
                net_g=_mfl_net(),
                data_preprocessor=dict(type='PoseDataPreprocessor'))))
    plain = plain_config(cfg, 'reviewer_g')
    assert plain.model.type == 'TopdownPoseEstimator'
    assert plain.model.head.type == 'HeatmapHead'  # MFL final level
    assert plain.model.data_preprocessor.type == 'PoseDataPreprocessor'
    assert 'custom_imports' not in plain


def test_plain_config_reads_a_multi_level_head_as_asked():
    """A head that predicts from the mean of its levels keeps the plugin's
    head; test_level='final' exports its final level as a plain head."""
    mean = _mfl_net()
    mean['head']['test_level'] = 'mean'
    cfg = Config(
        dict(
            model=dict(
                type='TRSPoseEstimator',
                net_f=mean,
                net_g=tiny_pose_net(),
                data_preprocessor=dict(type='PoseDataPreprocessor'))))
    kept = plain_config(cfg, 'f')
    assert kept.model.head.type == 'MultiLevelHeatmapHead'
    assert kept.custom_imports.imports == ['mmpose_trs']
    final = plain_config(cfg, 'f', test_level='final')
    assert final.model.head.type == 'HeatmapHead'
    assert 'custom_imports' not in final
    assert cfg.model.net_f.head.test_level == 'mean'  # not changed
    assert plain_config(cfg, 'g', 'final').model.head.type == 'HeatmapHead'
    with pytest.raises(ValueError, match="got 'last'"):
        plain_config(cfg, 'f', 'last')


def test_plain_config_refuses_other_models():
    with pytest.raises(ValueError, match='not a semi-supervised estimator'):
        plain_config(
            Config(dict(model=dict(type='TopdownPoseEstimator'))), 'f')


def test_plain_state_dict_strips_the_prefix():
    state = build().state_dict()
    out = plain_state_dict(dict(state_dict=state), 'reviewer_f')
    assert torch.equal(out['head.final_layer.bias'],
                       state['reviewer_f.head.final_layer.bias'])
    with pytest.raises(KeyError, match='no weights under "net_g."'):
        plain_state_dict({'net_f.x': torch.zeros(1)}, 'g')


def test_dataset_meta_falls_back_to_the_configs_dataset():
    plain = Config(
        dict(train_dataloader=dict(dataset=dict(type='CocoDataset'))))
    meta = export_dataset_meta(dict(meta=dict(iter=3)), plain)
    assert meta['num_keypoints'] == 17
    assert meta['keypoint_id2name'][0] == 'nose'
    assert isinstance(meta['sigmas'], list)  # weights_only-safe
    saved = export_dataset_meta(
        dict(meta=dict(dataset_meta=dict(num_keypoints=3))), plain)
    assert saved == dict(num_keypoints=3)  # the checkpoint's wins
    with pytest.raises(ValueError, match='no dataset_meta to export'):
        export_dataset_meta(dict(meta={}), Config(dict()))
