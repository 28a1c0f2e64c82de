"""Pairing MMPose's datasets with UnlabeledPersonDataset on real samples:
plain ConcatDataset accepts the pair (json or detections), keypoint sets
that differ are a clear error, and a KeypointConverter on the labeled side
(MPII labels trained on AI Challenger's keypoint set) works."""
import os.path as osp

import numpy as np
import pytest
from conftest import REAL_SAMPLES
from mmengine.dataset import ConcatDataset
from mmengine.registry import init_default_scope

from mmpose.datasets.datasets.utils import parse_pose_metainfo
from mmpose.registry import DATASETS
from mmpose_trs.datasets.keypoint_sets import (AdoptKeypointSet,
                                               keypoint_set_difference)
from mmpose_trs.utils.branches import BRANCH_KEY

CROP = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=(48, 64))
]
TARGETS = [
    dict(
        type='GenerateTarget',
        encoder=dict(
            type='UDPHeatmap',
            input_size=(48, 64),
            heatmap_size=(12, 16),
            sigma=2))
]
PACK = [dict(type='PackPoseInputs')]
AIC = dict(from_file='configs/_base_/datasets/aic.py')
CROWDPOSE = dict(from_file='configs/_base_/datasets/crowdpose.py')
# MPII joint -> AI Challenger keypoint (upper neck as AIC's neck)
MPII_TO_AIC = [(12, 0), (11, 1), (10, 2), (13, 3), (14, 4), (15, 5), (2, 6),
               (1, 7), (0, 8), (3, 9), (4, 10), (5, 11), (9, 12), (8, 13)]


@pytest.fixture(autouse=True)
def _scope():
    init_default_scope('mmpose')


def dataset(type_, name, ann, pipeline=(), **kwargs):
    folder = osp.join(REAL_SAMPLES, name)
    return dict(
        type=type_,
        data_mode='topdown',
        ann_file=osp.join(folder, ann),
        data_prefix=dict(img=folder + '/'),
        pipeline=list(pipeline),
        **kwargs)


def unlabeled(name, ann, **kwargs):
    return dataset('UnlabeledPersonDataset', name, ann, CROP + PACK, **kwargs)


@pytest.mark.parametrize('det', [None, 'test_coco_det_AP_H_56.json'])
def test_plain_concat_accepts_coco_pairs(det):
    kw = dict(det_file=osp.join(REAL_SAMPLES, 'coco', det)) if det else {}
    parts = [
        DATASETS.build(dataset('CocoDataset', 'coco', 'test_coco.json')),
        DATASETS.build(unlabeled('coco', 'test_coco.json', **kw))
    ]
    both = ConcatDataset(parts)  # no ignore_keys
    assert len(both) == len(parts[0]) + len(parts[1])
    assert parts[1].metainfo['CLASSES'] == parts[0].metainfo['CLASSES']


def test_plain_concat_accepts_crowdpose_detections():
    parts = [
        DATASETS.build(
            dataset('CrowdPoseDataset', 'crowdpose', 'test_crowdpose.json')),
        DATASETS.build(
            unlabeled(
                'crowdpose',
                'test_crowdpose.json',
                metainfo=CROWDPOSE,
                det_file=osp.join(REAL_SAMPLES, 'crowdpose',
                                  'test_crowdpose_det_AP_40.json')))
    ]
    assert len(ConcatDataset(parts)) == len(parts[0]) + len(parts[1])


def test_differing_keypoint_sets_name_both_datasets():
    cfg = dict(
        type='LabeledUnlabeledDataset',
        labeled=dataset('CrowdPoseDataset', 'crowdpose', 'test_crowdpose.json',
                        CROP + TARGETS + PACK),
        unlabeled=unlabeled('coco', 'test_coco.json'))  # COCO's 17 keypoints
    with pytest.raises(ValueError) as err:
        DATASETS.build(cfg)
    msg = str(err.value)
    for part in ('unlabeled dataset UnlabeledPersonDataset(',
                 'test_coco.json; 17 coco', 'CrowdPoseDataset(',
                 "'num_keypoints'", 'metainfo='):
        assert part in msg, msg


def mpii_to_aic(converter=True, num=14, flip=1., **kwargs):
    convert = [
        dict(type='KeypointConverter', num_keypoints=num, mapping=MPII_TO_AIC)
    ]
    flip = [dict(type='RandomFlip', prob=flip)]
    pipe = (convert if converter else []) + CROP[:2] + flip + CROP[2:]
    return dict(
        type='LabeledUnlabeledDataset',
        labeled=dataset('MpiiDataset', 'mpii', 'test_mpii.json',
                        pipe + TARGETS + PACK),
        unlabeled=unlabeled('aic', 'test_aic.json', metainfo=AIC),
        **kwargs)


def test_mpii_labels_on_the_aic_keypoint_set():
    ds = DATASETS.build(mpii_to_aic(metainfo=AIC))
    aic = parse_pose_metainfo(dict(AIC))
    assert keypoint_set_difference(ds.metainfo, aic) == []
    lab = ds[0]['data_samples']
    assert lab.metainfo[BRANCH_KEY] == 'labeled'
    assert list(lab.metainfo['flip_indices']) == list(aic['flip_indices'])
    assert lab.gt_fields.heatmaps.shape == (14, 16, 12)
    unl = ds[len(ds.labeled)]['data_samples']
    assert unl.metainfo[BRANCH_KEY] == 'unlabeled'
    assert 'heatmaps' not in unl.get('gt_fields', {})


def test_converted_labels_flip_with_the_aic_pairs():
    """After the flip, the right shoulder (AIC 0) is the mirrored left
    shoulder (AIC 3, MPII 13) and vice versa: the flip used AIC's pairs on
    the converted keypoints (MPII's 16 flip indices would not)."""
    flipped = DATASETS.build(mpii_to_aic(metainfo=AIC))
    plain = DATASETS.build(mpii_to_aic(flip=0., metainfo=AIC))
    aic = parse_pose_metainfo(dict(AIC))
    for i in range(len(flipped.labeled)):
        a, b = flipped[i]['data_samples'], plain[i]['data_samples']
        width = a.metainfo['ori_shape'][1]
        ka, kb = a.gt_instances.keypoints[0], b.gt_instances.keypoints[0]
        for k, pair in enumerate(aic['flip_indices']):
            if b.gt_instances.keypoints_visible[0, pair] > 0:
                assert ka[k, 0] == pytest.approx(width - 1 - kb[pair, 0])
                assert ka[k, 1] == pytest.approx(kb[pair, 1])


def test_missing_or_wrong_converter_is_a_clear_error():
    with pytest.raises(
            ValueError,
            match='labeled dataset MpiiDataset.*'
            r'KeypointConverter\(num_keypoints=14'):
        DATASETS.build(mpii_to_aic(converter=False, metainfo=AIC))
    with pytest.raises(ValueError, match='KeypointConverter'):
        DATASETS.build(mpii_to_aic(num=17, metainfo=AIC))


def test_adopt_keypoint_set_copies_the_fields():
    aic = parse_pose_metainfo(dict(AIC))
    out = AdoptKeypointSet(aic)(dict(flip_indices=list(range(16))))
    assert out['flip_indices'] == aic['flip_indices']
    assert np.array_equal(out['sigmas'], aic['sigmas'])
