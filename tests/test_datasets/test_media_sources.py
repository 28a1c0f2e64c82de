"""Unlabeled crops from image folders and videos: the right number of
crops, full-frame boxes or detection records, stable per-draw content, and
unreadable videos and frames named."""
import json
import os.path as osp

import numpy as np
import pytest
from media_fixtures import VIDEO_SIZE, frame_level, image_folder, write_video
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS
from mmpose_trs.datasets.bad_samples import BadSampleError, load_or_replace
from mmpose_trs.datasets.detection_records import RecordWriter
from mmpose_trs.datasets.media_files import (FrameReadError, frame_indices,
                                             image_size)

CROP = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale', padding=1.0),
    dict(type='TopdownAffine', input_size=(48, 64)),
    dict(type='PackPoseInputs', meta_keys=('id', 'img_path', 'bbox')),
]


@pytest.fixture(autouse=True)
def _scope():
    init_default_scope('mmpose')


def build(kind, root, folder, **kwargs):
    return DATASETS.build(
        dict(
            type=kind,
            data_root=str(root),
            data_prefix=dict(img=folder),
            pipeline=CROP,
            **kwargs))


@pytest.fixture
def videos(tmp_path):
    write_video(str(tmp_path / 'videos' / 'x' / 'a.avi'), frames=30)
    write_video(str(tmp_path / 'videos' / 'b.avi'), frames=12)
    return tmp_path


def test_frame_indices_by_stride_and_rate():
    assert frame_indices(10, 25., frame_stride=4) == [0, 4, 8]
    assert frame_indices(10, 10., fps=5.) == [0, 2, 4, 6, 8]
    assert frame_indices(4, 10.) == [0, 1, 2, 3]
    assert frame_indices(5, 10., fps=50.) == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match='not both'):
        frame_indices(5, 10., frame_stride=2, fps=1.)
    with pytest.raises(ValueError, match='frame_stride'):
        frame_indices(5, 10., frame_stride=0)


def test_folder_gives_one_full_frame_crop_per_image(tmp_path):
    names = image_folder(str(tmp_path))
    ds = build('UnlabeledImageFolder', tmp_path, 'images')
    assert len(ds) == len(names) == 4
    for i, name in enumerate(names):
        sample = ds[i]['data_samples']
        path = osp.join(str(tmp_path), 'images', name)
        assert sample.img_path == path
        height, width = image_size(path)
        np.testing.assert_allclose(sample.bbox, [[0, 0, width, height]])
        assert ds[i]['inputs'].shape == (3, 64, 48)
        assert not ds.get_data_info(i)['keypoints_visible'].any()


def test_folder_with_detection_records(tmp_path):
    names = image_folder(str(tmp_path))
    records = str(tmp_path / 'dets.jsonl')
    with RecordWriter(records) as out:
        out.write([
            dict(
                file=names[0],
                frame=None,
                height=480,
                width=640,
                boxes=[[10, 20, 100, 200, 0.9], [0, 0, 50, 80, 0.2]]),
            dict(
                file=names[2],
                frame=None,
                height=480,
                width=640,
                boxes=[[5, 5, 30, 60, 0.8]]),
            dict(file=names[3], frame=None, error='undecodable'),
        ])
    ds = build(
        'UnlabeledImageFolder',
        tmp_path,
        'images',
        det_file='dets.jsonl',
        score_thr=0.5)
    # the 0.2 box is below the threshold; names[1] has no record
    assert len(ds) == 2
    boxes = [ds.get_data_info(i)['bbox'].tolist() for i in range(2)]
    assert boxes == [[[10, 20, 110, 220]], [[5, 5, 35, 65]]]
    assert ds[1]['data_samples'].img_path.endswith(names[2])


def test_video_frames_at_a_stride_and_a_rate(videos):
    ds = build('UnlabeledVideoFrames', videos, 'videos', frame_stride=5)
    # b.avi: 12 frames -> 0, 5, 10; x/a.avi: 30 frames -> 0, 5, ..., 25
    assert len(ds) == 3 + 6
    frames = [(osp.basename(ds.get_data_info(i)['img_path']),
               ds.get_data_info(i)['frame']) for i in range(len(ds))]
    assert frames[:4] == [('b.avi', 0), ('b.avi', 5), ('b.avi', 10),
                          ('a.avi', 0)]
    by_rate = build('UnlabeledVideoFrames', videos, 'videos', fps=2.)
    assert [by_rate.get_data_info(i)['frame'] for i in range(len(by_rate))
            ] == [0, 5, 10] + list(range(0, 30, 5))
    capped = build(
        'UnlabeledVideoFrames', videos, 'videos', fps=2., max_frames=2)
    assert len(capped) == 4
    np.testing.assert_allclose(
        ds.get_data_info(0)['bbox'], [[0, 0, VIDEO_SIZE[0], VIDEO_SIZE[1]]])


def test_video_crops_are_their_frames_in_any_order(videos):
    ds = build('UnlabeledVideoFrames', videos, 'videos', frame_stride=3)
    order = list(range(len(ds)))
    first = {i: ds[i]['inputs'].numpy() for i in order}
    again = {i: ds[i]['inputs'].numpy() for i in reversed(order)}
    for i in order:
        np.testing.assert_array_equal(first[i], again[i])
        frame = ds.get_data_info(i)['frame']
        # the grey level below the moving square tells the frame (the
        # 96x64 frame fills crop rows 16-47 once fitted to 48x64)
        level = first[i][0, 28:44, :].mean()
        assert abs(level - frame_level(frame)) < 5, (i, frame, level)


def test_unreadable_videos_are_named(videos):
    broken = videos / 'videos' / 'broken.mp4'
    broken.write_bytes(b'not a video at all' * 10)
    with pytest.raises(FrameReadError, match='broken.mp4'):
        build('UnlabeledVideoFrames', videos, 'videos')
    ds = build('UnlabeledVideoFrames', videos, 'videos', on_bad_video='skip')
    assert len(ds) == 42 and len(ds.bad_videos) == 1
    assert 'broken.mp4' in ds.bad_videos[0]


def test_unreadable_frame_is_a_named_bad_sample(videos):
    ds = build('UnlabeledVideoFrames', videos, 'videos')
    last = len(ds) - 1  # x/a.avi, frame 29
    assert ds.get_data_info(last)['frame'] == 29
    path = ds.get_data_info(last)['img_path']
    with open(path, 'rb+') as f:  # cut the video after its first frames
        f.truncate(osp.getsize(path) // 4)
    ds.reader = type(ds.reader)()  # a fresh worker's reader
    assert 'frame 29' in ds.sample_problem(last)
    with pytest.raises(BadSampleError, match=r'a\.avi: frame 29'):
        load_or_replace(ds, last, 'raise', 'unlabeled')
    # skip: the next sample (wrapping around) takes its place, named
    sample, replaced = load_or_replace(ds, last, 'skip', 'unlabeled')
    assert replaced and replaced[0][0] == path
    assert sample['data_samples'].img_path.endswith('b.avi')


def test_video_detection_records_by_video_and_frame(videos):
    records = videos / 'dets.jsonl'
    lines = [
        dict(
            file='b.avi',
            frame=5,
            height=64,
            width=96,
            boxes=[[1, 2, 30, 40, 0.9]]),
        dict(
            file='x/a.avi',
            frame=10,
            height=64,
            width=96,
            boxes=[[3, 4, 20, 20, 0.7], [0, 0, 10, 10, 0.7]]),
        dict(
            file='x/a.avi',
            frame=11,
            height=64,
            width=96,
            boxes=[[3, 4, 20, 20, 0.7]]),  # not a sampled frame
    ]
    records.write_text(''.join(json.dumps(r) + '\n' for r in lines))
    ds = build(
        'UnlabeledVideoFrames',
        videos,
        'videos',
        frame_stride=5,
        det_file='dets.jsonl')
    assert [(ds.get_data_info(i)['frame'], ds.get_data_info(i)['bbox'][0, 2])
            for i in range(len(ds))] == [(5, 31.), (10, 23.), (10, 10.)]
