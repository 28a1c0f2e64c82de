"""The detection-file reader: a json list decoded one element at a time,
converted to arrays in chunks, the same boxes whatever the chunk size."""

import numpy as np
import pytest

from mmpose_trs.datasets import detection_file
from mmpose_trs.datasets.detection_file import (detection_columns,
                                                iter_json_list)

IMAGES = [dict(id=7, file_name='a.jpg'), dict(id=3, file_name='b.jpg')]


def dets(n=11):
    rng = np.random.default_rng(0)
    return [
        dict(
            image_id=[7, 3][i % 2],
            bbox=rng.uniform(0, 50, 4).round(2).tolist(),
            score=float(rng.uniform()),
            category_id=1 + (i % 5 == 4)) for i in range(n)
    ]


def test_json_list_one_element_at_a_time(tmp_path):
    path = tmp_path / 'd.json'
    path.write_text(' [ {"a": 1} ,\n {"b": [2, 3]} ] ')
    assert list(iter_json_list(str(path))) == [dict(a=1), dict(b=[2, 3])]
    path.write_text('[]')
    assert list(iter_json_list(str(path))) == []
    path.write_text('{"a": 1}')
    with pytest.raises(TypeError, match='expected a list of detections'):
        list(iter_json_list(str(path)))
    path.write_text('[{"a": 1} {"b": 2}]')
    with pytest.raises(ValueError, match='at character 10'):
        list(iter_json_list(str(path)))


@pytest.mark.parametrize('chunk', [1, 3, 1000])
def test_columns_do_not_depend_on_the_chunk(monkeypatch, chunk):
    monkeypatch.setattr(detection_file, 'CHUNK', chunk)
    data = dets()
    cols = detection_columns(
        iter(data), IMAGES, 'd.json', 'i.json', score_thr=0.3, min_box_size=5.)
    want = [(i, d) for i, d in enumerate(data) if d['category_id'] == 1
            and d['score'] >= 0.3 and min(np.float32(d['bbox'][2:4])) >= 5]
    assert cols['det_index'].tolist() == [i for i, _ in want]
    assert cols['image_pos'].tolist() == [[7, 3].index(d['image_id'])
                                          for _, d in want]
    xywh = np.array([d['bbox'] for _, d in want], np.float32)
    np.testing.assert_array_equal(cols['bbox'][:, 2:] - cols['bbox'][:, :2],
                                  (xywh[:, :2] + xywh[:, 2:]) - xywh[:, :2])
    np.testing.assert_array_equal(cols['score'],
                                  np.float32([d['score'] for _, d in want]))


def test_unknown_image_and_missing_keys_are_named():
    data = dets(4)
    data[2]['image_id'] = 99
    with pytest.raises(KeyError, match='detection 2 has image_id 99'):
        detection_columns(iter(data), IMAGES, 'd.json', 'i.json', 0., 0.)
    data[2] = dict(image_id=7, bbox=[0, 0, 1, 1])
    with pytest.raises(KeyError, match=r"detection 2 lacks \['score'\]"):
        detection_columns(iter(data), IMAGES, 'd.json', 'i.json', 0., 0.)
