"""The unlabeled source of a written config: a COCO json, an image folder or
a video folder, exactly one, with the labeled set's keypoints."""
import pytest

from mmpose_trs.apis.unlabeled_source import unlabeled_source

LABELED = dict(
    type='CocoDataset',
    data_root='data/coco/',
    data_prefix=dict(img='train2017/'),
    metainfo=dict(from_file='configs/_base_/datasets/coco.py'))


def test_coco_json_with_detections():
    src = unlabeled_source(LABELED, 'annotations/u.json', det_file='d.json')
    assert src['type'] == 'UnlabeledPersonDataset'
    assert src['ann_file'] == 'annotations/u.json'
    assert src['data_root'] == 'data/coco/'
    assert src['data_prefix'] == dict(img='train2017/')
    assert src['det_file'] == 'd.json'
    assert src['metainfo'] == LABELED['metainfo']


def test_image_folder_and_videos():
    folder = unlabeled_source(LABELED, unlabeled_dir='wild/', det_file='r')
    assert folder['type'] == 'UnlabeledImageFolder'
    assert folder['data_prefix'] == dict(img='wild/')
    assert folder['det_file'] == 'r' and 'ann_file' not in folder
    videos = unlabeled_source(
        LABELED, unlabeled_videos='clips/', fps=2., unlabeled_root='/v')
    assert videos['type'] == 'UnlabeledVideoFrames'
    assert videos['fps'] == 2. and 'frame_stride' not in videos
    assert videos['data_root'] == '/v'


def test_exactly_one_source_and_frame_options_with_videos_only():
    with pytest.raises(ValueError, match='exactly one'):
        unlabeled_source(LABELED)
    with pytest.raises(ValueError, match='exactly one'):
        unlabeled_source(LABELED, 'u.json', unlabeled_dir='wild/')
    with pytest.raises(ValueError, match='--unlabeled-videos'):
        unlabeled_source(LABELED, unlabeled_dir='wild/', frame_stride=2)
