"""Person detection helpers: listing images, the person class, writing the
two files (the detector run itself: tests/test_tools/test_detect_persons.py).
"""
import json

import pytest
from torch import nn

from mmpose_trs.apis.detect import list_images, person_label, write_detections


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


def test_write_detections_files_and_refusal(tmp_path):
    images = [dict(id=1, file_name='a.jpg', height=10, width=20)]
    dets = [dict(image_id=1, bbox=[1, 2, 3, 4], score=.9, category_id=1)]
    ann, det = write_detections(images, dets, str(tmp_path), 'wild')
    assert json.load(open(ann))['images'] == images
    assert json.load(open(det)) == dets
    with pytest.raises(FileExistsError, match='wild_images.json exists'):
        write_detections(images, [], str(tmp_path), 'wild')
    assert json.load(open(det)) == dets
