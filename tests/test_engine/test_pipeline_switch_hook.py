"""SemiPipelineSwitchHook's pipelines for the unlabeled source: targets
dropped, hidden keypoints kept hidden, no crop chosen from them."""
from types import SimpleNamespace

import pytest

from mmpose_trs.engine.pipeline_switch_hook import hidden_kept, without_targets

STAGE2 = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomHalfBody'),
    dict(type='TopdownAffine', input_size=(48, 64)),
    dict(type='GenerateTarget', encoder=None),
    dict(type='PackPoseInputs'),
]


def names(pipeline):
    return [t['type'] for t in pipeline]


def test_without_targets_drops_generate_target_only():
    assert names(without_targets(STAGE2)) == [
        'LoadImage', 'GetBBoxCenterScale', 'RandomHalfBody', 'TopdownAffine',
        'PackPoseInputs'
    ]


def test_plain_source_keeps_the_pipeline():
    plain = SimpleNamespace(hidden_keypoints_file=None)
    pipeline = without_targets(STAGE2)
    assert hidden_kept(plain, pipeline) == pipeline


def test_hidden_source_hides_before_packing_and_drops_half_body():
    hidden = SimpleNamespace(hidden_keypoints_file='train_full.json')
    out = hidden_kept(hidden, without_targets(STAGE2))
    assert names(out) == [
        'LoadImage', 'GetBBoxCenterScale', 'TopdownAffine', 'HideKeypoints',
        'PackPoseInputs'
    ]


def test_hidden_source_without_affine_is_refused():
    hidden = SimpleNamespace(hidden_keypoints_file='train_full.json')
    with pytest.raises(ValueError, match='train_full.json'):
        hidden_kept(hidden,
                    [dict(type='LoadImage'),
                     dict(type='PackPoseInputs')])
