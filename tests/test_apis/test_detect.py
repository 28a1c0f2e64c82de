"""Person detection helpers: listing images, the person class, writing the
two files (the detector run itself: tests/test_tools/test_detect_persons.py).
"""
import json

import pytest
from torch import nn

from mmpose_trs.apis.detect import (class_label, list_images, person_label,
                                    records_to_coco, write_detections)


def test_list_images_recursive_sorted_and_errors(tmp_path):
    (tmp_path / 'b').mkdir()
    for name in ('b/2.png', 'a.JPG', 'notes.txt'):
        (tmp_path / name).write_bytes(b'x')
    assert list_images(str(tmp_path)) == ['a.JPG', 'b/2.png']
    with pytest.raises(FileNotFoundError, match='does not exist'):
        list_images(str(tmp_path / 'none'))
    (tmp_path / 'empty').mkdir()
    with pytest.raises(ValueError, match='no images'):
        list_images(str(tmp_path / 'empty'))


def test_person_label_from_the_detector_classes():
    model = nn.Module()
    model.dataset_meta = dict(classes=('bicycle', 'Person'))
    assert person_label(model) == 1
    assert person_label(nn.Module()) == 0  # no meta: a COCO-style model
    model.dataset_meta = dict(classes=('cat', ))
    with pytest.raises(ValueError, match='no "person" class'):
        person_label(model)


def test_any_class_by_name_or_index():
    model = nn.Module()
    model.dataset_meta = dict(classes=('person', 'bicycle', 'Dog'))
    assert class_label(model, 'dog') == 2
    assert class_label(model, '1') == 1 and class_label(model, 2) == 2
    with pytest.raises(ValueError, match='no "zebra" class'):
        class_label(model, 'zebra')


def test_records_to_coco_skips_errors():
    records = {
        ('b.jpg', None):
        dict(file='b.jpg', height=4, width=6, boxes=[[1, 2, 3, 4, 0.5]]),
        ('a.jpg', None):
        dict(file='a.jpg', error='undecodable'),
    }
    images, dets = records_to_coco(records)
    assert images == [dict(id=2, file_name='b.jpg', height=4, width=6)]
    assert dets == [
        dict(image_id=2, category_id=1, score=0.5, bbox=[1, 2, 3, 4])
    ]


def test_write_detections_files_and_refusal(tmp_path):
    images = [dict(id=1, file_name='a.jpg', height=10, width=20)]
    dets = [dict(image_id=1, bbox=[1, 2, 3, 4], score=.9, category_id=1)]
    ann, det = write_detections(images, dets, str(tmp_path), 'wild')
    assert json.load(open(ann))['images'] == images
    assert json.load(open(det)) == dets
    with pytest.raises(FileExistsError, match='wild_images.json exists'):
        write_detections(images, [], str(tmp_path), 'wild')
    assert json.load(open(det)) == dets
