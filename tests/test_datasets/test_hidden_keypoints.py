"""Hidden keypoints of unlabeled crops: moved by the pipeline as the image
is, then out of every field a target is made from (HideKeypoints)."""
import json
import os.path as osp

import numpy as np
import pytest
from conftest import REAL_SAMPLES
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS
from mmpose_trs.datasets.hidden_keypoints import box_size_in_crop
from mmpose_trs.safety.annotation_errors import AnnotationFileError

COCO_DIR = osp.join(REAL_SAMPLES, 'coco')
ANN = osp.join(COCO_DIR, 'test_coco.json')
CROP = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal', prob=1.0),
    dict(type='TopdownAffine', input_size=(48, 64)),
]
HIDDEN = CROP + [dict(type='HideKeypoints'), dict(type='PackPoseInputs')]


@pytest.fixture(autouse=True)
def _scope():
    init_default_scope('mmpose')


def unlabeled(pipeline=HIDDEN, **kwargs):
    cfg = dict(
        type='UnlabeledPersonDataset',
        data_mode='topdown',
        ann_file=ANN,
        data_prefix=dict(img=COCO_DIR + '/'),
        hidden_keypoints_file=ANN,
        pipeline=pipeline)
    cfg.update(kwargs)
    return DATASETS.build(cfg)


def test_hidden_keypoints_follow_the_crop_and_no_target_field_has_them():
    """The hidden keypoints are those a labeled CocoDataset's pipeline puts
    in the same (flipped) crop; keypoints and visibility fields are zero."""
    ds = unlabeled()
    labeled = DATASETS.build(
        dict(
            type='CocoDataset',
            data_mode='topdown',
            ann_file=ANN,
            data_prefix=dict(img=COCO_DIR + '/'),
            pipeline=CROP))
    by_id = {labeled.get_data_info(i)['id']: i for i in range(len(labeled))}
    checked = 0
    for i in range(len(ds)):
        out = ds[i]['data_samples']
        gt = out.gt_instances
        assert np.all(gt.keypoints == 0) and np.all(gt.keypoints_visible == 0)
        assert 'heatmaps' not in out.get('gt_fields', {})
        ann_id = ds.get_data_info(i)['id']
        if ann_id not in by_id:  # CocoDataset drops boxes without keypoints
            continue
        ref = labeled[by_id[ann_id]]
        vis = gt.hidden_keypoints_visible[0]
        assert set(np.unique(vis)) <= {0., 1., 2.}
        np.testing.assert_allclose(
            gt.hidden_keypoints[0][vis > 0],
            ref['transformed_keypoints'][0][vis > 0],
            atol=1e-4)
        raw = json.load(open(ANN))
        ann = next(a for a in raw['annotations'] if a['id'] == ann_id)
        # visibility keeps COCO's 1/2 (flip permutes the keypoints)
        assert sorted(vis) == sorted(ann['keypoints'][2::3])
        checked += 1
    assert checked >= 5


def test_box_size_in_crop():
    """A 30x60 box whose padded scale 80 px wide maps onto a 40 px crop is
    30 px long in the crop."""
    size = box_size_in_crop(
        np.array([[10., 5., 40., 65.]]), np.array([[80., 160.]]), (40, 80))
    np.testing.assert_allclose(size, [30.])


def test_pipeline_without_hide_keypoints_is_refused():
    pack = CROP + [dict(type='PackPoseInputs')]
    with pytest.raises(ValueError, match='HideKeypoints after TopdownAffine'):
        unlabeled(pipeline=pack)
    late = CROP[:2] + [dict(type='HideKeypoints')] + CROP[2:]
    with pytest.raises(ValueError, match='HideKeypoints after TopdownAffine'):
        unlabeled(pipeline=late)


def test_half_body_before_hiding_is_refused():
    # RandomHalfBody picks the crop from the keypoints: the hidden truth here
    half = CROP[:3] + [dict(type='RandomHalfBody')] + CROP[3:]
    with pytest.raises(ValueError, match=r"\['RandomHalfBody'\] choose"):
        unlabeled(pipeline=half + HIDDEN[-2:])
    # after HideKeypoints it sees zeroed keypoints: allowed
    assert len(
        unlabeled(pipeline=HIDDEN[:-1] +
                  [dict(type='RandomHalfBody'), HIDDEN[-1]])) > 0


def test_hidden_file_with_detections_is_refused():
    with pytest.raises(ValueError, match='not det_file'):
        unlabeled(det_file=osp.join(COCO_DIR, 'test_coco_det_AP_H_56.json'))


def test_missing_annotation_names_the_file_and_id(tmp_path):
    raw = json.load(open(ANN))
    gone = raw['annotations'].pop(0)['id']
    path = tmp_path / 'hidden.json'
    path.write_text(json.dumps(raw))
    with pytest.raises(AnnotationFileError) as e:
        unlabeled(hidden_keypoints_file=str(path))
    assert str(path) in str(e.value) and f'id {gone}' in str(e.value)


def test_missing_hidden_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match='nothere.json'):
        unlabeled(hidden_keypoints_file=str(tmp_path / 'nothere.json'))
