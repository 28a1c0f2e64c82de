"""tools/detect_persons.py with a packaged mmdet config and random weights on
the real sample images; its output feeds UnlabeledPersonDataset."""
import json
import os.path as osp

import pytest
import torch
from conftest import REAL_SAMPLES
from mmengine.registry import init_default_scope

from mmpose_trs.tools import detect_persons

COCO = osp.join(REAL_SAMPLES, 'coco')


def rtmdet_config():
    import mmdet
    return osp.join(
        osp.dirname(mmdet.__file__), '.mim', 'configs', 'rtmdet',
        'rtmdet_tiny_8xb32-300e_coco.py')


# random weights: one class so that every box is a "person"
RANDOM = [
    '--cfg-options', 'model.backbone.init_cfg=None',
    'model.bbox_head.num_classes=1', 'model.test_cfg.score_thr=0.0'
]


def test_detect_and_read_back(tmp_path):
    torch.manual_seed(0)
    ann, det = detect_persons.main([
        COCO,
        rtmdet_config(), '--out-dir',
        str(tmp_path), '--name', 'wild', '--score-thr', '0.0'
    ] + RANDOM)
    images = json.load(open(ann))['images']
    dets = json.load(open(det))
    assert sorted(i['file_name'] for i in images) == sorted(
        f for f in __import__('os').listdir(COCO) if f.endswith('.jpg'))
    assert dets and all(
        set(d) == {'image_id', 'bbox', 'score', 'category_id'} for d in dets)
    assert {d['image_id'] for d in dets} <= {i['id'] for i in images}
    init_default_scope('mmpose')
    from mmpose.registry import DATASETS
    ds = DATASETS.build(
        dict(
            type='UnlabeledPersonDataset',
            ann_file=ann,
            det_file=det,
            score_thr=0.0,
            min_box_size=0.0,
            data_prefix=dict(img=COCO + '/'),
            pipeline=[]))
    assert len(ds) == len(dets)  # random weights: tiny boxes, all kept


def test_no_person_above_threshold_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match='no person detected with score'):
        detect_persons.main([
            COCO,
            rtmdet_config(), '--out-dir',
            str(tmp_path), '--score-thr', '1.01'
        ] + RANDOM)
    assert not list(tmp_path.iterdir())


def test_missing_folder(tmp_path):
    from mmpose_trs.apis.detect import list_images
    with pytest.raises(FileNotFoundError, match='nope'):
        list_images(str(tmp_path / 'nope'))
