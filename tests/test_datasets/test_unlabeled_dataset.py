"""UnlabeledPersonDataset: boxes from a COCO json or a detection file, no
keypoints, no targets."""
import json
import os.path as osp

import pytest
from conftest import REAL_SAMPLES
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS

COCO_DIR = osp.join(REAL_SAMPLES, 'coco')
PIPELINE = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=(48, 64)),
    dict(type='PackPoseInputs')
]


@pytest.fixture(autouse=True)
def _scope():
    init_default_scope('mmpose')


def build(**kwargs):
    cfg = dict(
        type='UnlabeledPersonDataset', data_mode='topdown', pipeline=PIPELINE)
    cfg.update(kwargs)
    return DATASETS.build(cfg)


def test_real_coco_json_uses_all_boxes_ignores_keypoints():
    """All 14 non-crowd boxes of the real sample are kept, including the two
    with zero keypoints that labeled datasets drop."""
    ds = build(
        ann_file=osp.join(COCO_DIR, 'test_coco.json'),
        data_prefix=dict(img=COCO_DIR + '/'))
    assert len(ds) == 14
    info = ds.get_data_info(0)
    assert not info['keypoints'].any() and not info['keypoints_visible'].any()
    out = ds[0]
    assert out['inputs'].shape == (3, 64, 48)
    assert 'heatmaps' not in out['data_samples'].get('gt_fields', {})


def test_synthetic_unlabeled_split(synthetic_root):
    ann = osp.join(synthetic_root, 'annotations',
                   'person_keypoints_unlabeled.json')
    ds = build(ann_file=ann, data_prefix=dict(img=synthetic_root + '/images/'))
    assert len(ds) == len(json.load(open(ann))['annotations'])


@pytest.mark.parametrize('thr', [0.0, 0.3, 0.9])
def test_detection_file_with_threshold(thr):
    det_file = osp.join(COCO_DIR, 'test_coco_det_AP_H_56.json')
    dets = json.load(open(det_file))
    expected = sum(d['score'] >= thr and d['category_id'] == 1 for d in dets)
    ds = build(
        ann_file=osp.join(COCO_DIR, 'test_coco.json'),
        det_file=det_file,
        score_thr=thr,
        data_prefix=dict(img=COCO_DIR + '/'))
    assert len(ds) == expected
    assert ds.get_data_info(0)['bbox_score'][0] >= thr
    assert ds[0]['inputs'].shape == (3, 64, 48)


def test_no_person_above_threshold_is_a_clear_error():
    det_file = osp.join(COCO_DIR, 'test_coco_det_AP_H_56.json')
    with pytest.raises(ValueError, match='test_coco_det_AP_H_56.json.*empty'):
        build(
            ann_file=osp.join(COCO_DIR, 'test_coco.json'),
            det_file=det_file,
            score_thr=1.01,
            data_prefix=dict(img=COCO_DIR + '/'))


def test_missing_detection_file(tmp_path):
    with pytest.raises(FileNotFoundError, match='nope.json'):
        build(
            ann_file=osp.join(COCO_DIR, 'test_coco.json'),
            det_file=str(tmp_path / 'nope.json'),
            data_prefix=dict(img=COCO_DIR + '/'))


def test_detection_with_unknown_image(tmp_path):
    bad = tmp_path / 'dets.json'
    bad.write_text(
        json.dumps(
            [dict(image_id=1, bbox=[0, 0, 10, 10], score=1., category_id=1)]))
    with pytest.raises(KeyError, match='image_id 1'):
        build(
            ann_file=osp.join(COCO_DIR, 'test_coco.json'),
            det_file=str(bad),
            data_prefix=dict(img=COCO_DIR + '/'))


def test_xie_instance_filter_matches_the_split_pool(tmp_path):
    """instance_filter='xie' on the original file keeps exactly the pool
    that tools/split_coco.py --protocol xie writes (the 12 valid of 14);
    on a file without keypoints it is a clear error."""
    from mmpose_trs.tools import split_coco
    ann = osp.join(COCO_DIR, 'test_coco.json')
    ds = build(
        ann_file=ann,
        data_prefix=dict(img=COCO_DIR + '/'),
        instance_filter='xie')
    split_coco.main([ann, str(tmp_path), '--num', '3', '--name', 's'])
    pool = build(
        ann_file=str(tmp_path / 's_unlabeled.json'),
        data_prefix=dict(img=COCO_DIR + '/'))
    ids = json.load(open(tmp_path / 's_ids.json'))['unlabeled_ann_ids']
    assert len(ds) == len(pool) == 12
    assert sorted(ds.get_data_info(i)['id'] for i in range(len(ds))) == \
        sorted(pool.get_data_info(i)['id'] for i in range(len(pool))) == ids
    with pytest.raises(ValueError, match="instance_filter='xie'"):
        build(
            ann_file=str(tmp_path / 's_unlabeled.json'),
            data_prefix=dict(img=COCO_DIR + '/'),
            instance_filter='xie')
    with pytest.raises(ValueError, match='instance_filter must be'):
        build(ann_file=ann, instance_filter='valid')


def test_relative_det_file_is_read_under_data_root():
    """As ann_file, a relative det_file lives under data_root (the WILD
    config's layout)."""
    ds = build(
        data_root=COCO_DIR,
        ann_file='test_coco.json',
        det_file='test_coco_det_AP_H_56.json',
        data_prefix=dict(img=''))
    assert ds.det_file == osp.join(COCO_DIR, 'test_coco_det_AP_H_56.json')
    assert len(ds) > 0
