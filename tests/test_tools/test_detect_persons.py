"""tools/detect_persons.py with a packaged mmdet config and random weights on
the real sample images and on generated videos: its output feeds the
unlabeled datasets; an interrupted run resumes without redoing finished
images; unreadable files are listed, not fatal."""
import json
import os
import os.path as osp
import shutil

import pytest
import torch
from conftest import REAL_SAMPLES
from media_fixtures import write_video
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS
from mmpose_trs.apis import detect
from mmpose_trs.datasets.detection_records import read_records
from mmpose_trs.tools import detect_persons

COCO = osp.join(REAL_SAMPLES, 'coco')
JPGS = sorted(f for f in os.listdir(COCO) if f.endswith('.jpg'))


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


def run(folder, out, *extra):
    torch.manual_seed(0)
    return detect_persons.main([
        str(folder),
        rtmdet_config(), '--out-dir',
        str(out), '--name', 'wild', '--score-thr', '0.0', *extra
    ] + RANDOM)


def test_detection_leaves_the_registry_scope_as_it_was(tmp_path):
    """Building and running the detector leaves the default scope: an
    MMPose transform still builds from MMPose's registry after it."""
    from mmengine.registry import DefaultScope

    from mmpose.registry import TRANSFORMS
    init_default_scope('mmpose')
    run(COCO, tmp_path, '--batch-size', '3')
    assert DefaultScope.get_current_instance().scope_name == 'mmpose'
    assert type(TRANSFORMS.build(dict(
        type='ClippedNormalBBoxTransform'))).__name__ == \
        'ClippedNormalBBoxTransform'


def test_detect_and_read_back(tmp_path):
    result = run(COCO, tmp_path, '--batch-size', '3')
    ann, det = result['coco']
    images = json.load(open(ann))['images']
    dets = json.load(open(det))
    assert sorted(i['file_name'] for i in images) == JPGS
    assert dets and all(
        set(d) == {'image_id', 'bbox', 'score', 'category_id'} for d in dets)
    assert {d['image_id'] for d in dets} <= {i['id'] for i in images}
    records = read_records(result['records_file'])
    assert sorted(records) == [(name, None) for name in JPGS]
    assert sum(len(r['boxes']) for r in records.values()) == len(dets)
    init_default_scope('mmpose')
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
    folder = DATASETS.build(
        dict(
            type='UnlabeledImageFolder',
            data_prefix=dict(img=COCO),
            det_file=result['records_file'],
            min_box_size=0.0,
            pipeline=[]))
    assert len(folder) == len(dets)


def test_interrupted_run_resumes_without_redoing_images(tmp_path, monkeypatch):
    calls = []
    real = detect._batch_records

    def stop_at_third(model, batch, *args):
        calls.append([name for name, _ in batch])
        if len(calls) == 3:
            raise KeyboardInterrupt  # the run is killed in batch 3
        return real(model, batch, *args)

    monkeypatch.setattr(detect, '_batch_records', stop_at_third)
    with pytest.raises(KeyboardInterrupt):
        run(COCO, tmp_path, '--batch-size', '1')
    records_file = tmp_path / 'wild_records.jsonl'
    assert len(read_records(str(records_file))) == 2
    assert not (tmp_path / 'wild_images.json').exists()
    with open(records_file, 'a') as f:  # killed mid-line as well
        f.write('{"file": "' + JPGS[2])
    calls.clear()
    result = run(COCO, tmp_path, '--batch-size', '1')
    # only the two images not yet written were detected
    assert calls == [[JPGS[2]], [JPGS[3]]]
    assert result['done_before'] == 2 and result['new'] == 2
    assert sorted(read_records(str(records_file))) == [(n, None) for n in JPGS]
    assert len(open(records_file).read().splitlines()) == 4


def test_unreadable_images_are_listed_not_fatal(tmp_path, capsys):
    folder = tmp_path / 'imgs'
    shutil.copytree(COCO, folder)
    (folder / 'broken.jpg').write_bytes(b'\xff\xd8\xff' + b'0' * 100)
    result = run(folder, tmp_path)
    assert [(n, why.endswith('cannot be read as an image'))
            for n, _, why in result['unreadable']] == [('broken.jpg', True)]
    assert '1 unreadable:' in capsys.readouterr().out
    images = json.load(open(result['coco'][0]))['images']
    assert sorted(i['file_name'] for i in images) == JPGS


def test_videos_frames_and_unopenable_videos(tmp_path):
    write_video(
        str(tmp_path / 'clips' / 'a.avi'),
        frames=12,
        background=osp.join(COCO, JPGS[0]))
    (tmp_path / 'clips' / 'bad.mp4').write_bytes(b'nothing')
    result = run(tmp_path / 'clips', tmp_path, '--videos', '--frame-stride',
                 '4', '--batch-size', '2')
    assert sorted(result['records']) == [('a.avi', 0), ('a.avi', 4),
                                         ('a.avi', 8)]
    assert [(n, f) for n, f, _ in result['unreadable']] == [('bad.mp4', None)]
    assert 'coco' not in result  # videos: records only
    (tmp_path / 'clips' / 'bad.mp4').unlink()
    init_default_scope('mmpose')
    ds = DATASETS.build(
        dict(
            type='UnlabeledVideoFrames',
            data_prefix=dict(img=str(tmp_path / 'clips')),
            frame_stride=4,
            det_file=result['records_file'],
            min_box_size=0.0,
            pipeline=[]))
    assert len(ds) == sum(len(r['boxes']) for r in result['records'].values())


def test_no_detection_above_threshold_writes_no_coco_files(tmp_path):
    with pytest.raises(ValueError, match='no person detected with score'):
        run(COCO, tmp_path, '--score-thr', '1.01')
    assert sorted(os.listdir(tmp_path)) == ['wild_records.jsonl']


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match='nope'):
        run(tmp_path / 'nope', tmp_path)
