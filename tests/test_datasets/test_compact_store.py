"""The compact instance store: rows come back as the dicts they were, with
their types; and UnlabeledPersonDataset gives the same samples from it as
from MMEngine's serialized dicts, for a COCO file and a detection file."""
import os.path as osp

import numpy as np
import pytest
from conftest import REAL_SAMPLES
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS
from mmpose_trs.datasets.compact_store import CompactInstances, from_arrays

COCO_DIR = osp.join(REAL_SAMPLES, 'coco')
ANN = osp.join(COCO_DIR, 'test_coco.json')
DET = osp.join(COCO_DIR, 'test_coco_det_AP_H_56.json')
PIPELINE = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=(48, 64)),
    dict(type='PackPoseInputs'),
]


def rows():
    return [
        dict(
            img_path=f'im/{i % 2}.jpg',
            img_id=i % 2,
            score=0.5 * i,
            img_shape=(480, 640 + i),
            bbox=np.arange(4, dtype=np.float32).reshape(1, 4) + i,
            area=np.float32(3.) * i,
            frame=None) for i in range(5)
    ]


def same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert type(a[key]) is type(b[key]), key
        if isinstance(a[key], np.ndarray):
            assert a[key].dtype == b[key].dtype and a[key].shape == b[
                key].shape, key
            np.testing.assert_array_equal(a[key], b[key])
        else:
            assert a[key] == b[key], key


def test_rows_come_back_with_their_types():
    data = rows()
    data[0]['area'] = np.array(0., np.float32)  # 0-d arrays stay 0-d
    for d in data[1:]:
        d['area'] = np.array(d['area'], np.float32)
    store = CompactInstances.from_dicts(data)
    assert len(store) == 5
    for i in range(5):
        same(store[i], data[i])
    same(store[-1], data[4])
    with pytest.raises(IndexError):
        store[5]
    part = store[1:4:2]
    assert len(part) == 2
    same(part[1], data[3])
    # a row is a copy: changing it changes nothing stored
    store[0]['bbox'][:] = 99
    assert store[0]['bbox'][0, 0] == 0
    strings = store.columns['img_path'][1]
    assert strings[0].tolist() == ['im/0.jpg', 'im/1.jpg']  # kept once


def test_refuses_mixed_keys_and_unstorable_fields():
    data = rows()
    data[2].pop('score')
    with pytest.raises(ValueError, match='instance 2 has keys'):
        CompactInstances.from_dicts(data)
    data = rows()
    data[0]['polygon'] = [[1, 2]]
    for d in data[1:]:
        d['polygon'] = [[3, 4]]
    with pytest.raises(ValueError, match="field 'polygon'"):
        CompactInstances.from_dicts(data)


def test_from_arrays_checks_lengths():
    store = from_arrays(
        2,
        arrays=dict(bbox=np.zeros((2, 1, 4), np.float32)),
        strings=dict(img_path=(np.array(['a.jpg']), np.zeros(2, np.int32))),
        scalars=dict(id=np.array([7, 8])))
    assert store[1]['id'] == 8 and store[1]['img_path'] == 'a.jpg'
    assert store.nbytes == 32 + 4 * 5 + 8 + 16
    with pytest.raises(ValueError, match="column 'id' has 3 rows"):
        from_arrays(2, scalars=dict(id=np.arange(3)))


@pytest.mark.parametrize('source', ['ann_file', 'det_file'])
def test_same_samples_as_serialized_dicts(source):
    init_default_scope('mmpose')
    cfg = dict(
        type='UnlabeledPersonDataset',
        ann_file=ANN,
        data_prefix=dict(img=COCO_DIR + '/'),
        pipeline=PIPELINE)
    if source == 'det_file':
        cfg.update(det_file=DET, score_thr=0.3)
    dicts = DATASETS.build(dict(cfg, compact=False))
    compact = DATASETS.build(cfg)
    assert isinstance(compact.data_list, CompactInstances)
    assert len(compact) == len(dicts) > 0
    for i in range(len(dicts)):
        old = dicts.get_data_info(i)
        old.pop('segmentation', None)  # polygons: not kept by the store
        same(compact.get_data_info(i), old)
        a, b = compact[i], dicts[i]
        assert np.array_equal(a['inputs'].numpy(), b['inputs'].numpy())
        assert a['data_samples'].img_path == b['data_samples'].img_path
