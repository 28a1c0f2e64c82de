"""A truncated or malformed annotation json fails with an error that names
the file, for MMPose's own COCO-style datasets and for ours."""
import json
import os.path as osp
import subprocess
import sys

import pytest
from conftest import REAL_SAMPLES
from helpers import QUICKSTART_TRS, tiny_config
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS
from mmpose_trs.safety import AnnotationFileError

COCO_JSON = osp.join(REAL_SAMPLES, 'coco', 'test_coco.json')


def _build(kind, ann_file):
    init_default_scope('mmpose')
    return DATASETS.build(
        dict(
            type=kind,
            ann_file=str(ann_file),
            data_root='',
            data_mode='topdown',
            pipeline=[]))


@pytest.fixture
def truncated(tmp_path):
    path = tmp_path / 'truncated.json'
    with open(COCO_JSON, 'rb') as f:
        path.write_bytes(f.read(2000))
    return path


@pytest.mark.parametrize(
    'kind', ['CocoDataset', 'MpiiDataset', 'UnlabeledPersonDataset'])
def test_truncated_json_names_the_file(kind, truncated):
    with pytest.raises(
            AnnotationFileError,
            match=rf'annotation file {truncated} is not valid '
            r'JSON \(truncated or malformed\?\): JSONDecodeError'):
        _build(kind, truncated)


def test_wrong_layout_names_the_file(tmp_path):
    path = tmp_path / 'list.json'
    path.write_text(json.dumps([{'file_name': 'a.jpg'}]))
    with pytest.raises(
            AnnotationFileError,
            match=rf'{path} could not be read by CocoDataset.*'
            "format <class 'list'> not supported"):
        _build('CocoDataset', path)
    missing = tmp_path / 'missing.json'
    with pytest.raises(
            AnnotationFileError,
            match=r'Annotation file '
            rf'`{missing}`\s*does not exist'):
        _build('CocoDataset', missing)


def test_valid_file_still_loads():
    assert len(_build('CocoDataset', COCO_JSON)) > 0
    assert len(_build('UnlabeledPersonDataset', COCO_JSON)) > 0


def _with_det_file(det) -> None:
    """Build an UnlabeledPersonDataset that reads ``det``."""
    init_default_scope('mmpose')
    DATASETS.build(
        dict(
            type='UnlabeledPersonDataset',
            ann_file=COCO_JSON,
            det_file=str(det),
            data_root='',
            data_mode='topdown',
            pipeline=[]))


def test_det_file_errors_keep_naming_the_det_file(tmp_path):
    det = tmp_path / 'dets.json'
    det.write_text(json.dumps([{'image_id': 785, 'bbox': [0, 0, 9, 9]}]))
    with pytest.raises(KeyError, match=rf'{det}: detection 0 lacks'):
        _with_det_file(det)


def test_training_stops_naming_the_file(synthetic_root, tmp_path, truncated):
    cfg = tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'))
    proc = subprocess.run([
        sys.executable, 'tools/train.py', cfg, '--work-dir',
        str(tmp_path / 'w'), '--cfg-options',
        f'train_dataloader.dataset.labeled.ann_file={truncated}'
    ],
                          capture_output=True,
                          text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f'annotation file {truncated} is not valid JSON' in log
    assert 'Iter(train)' not in log


def test_truncated_det_file_names_it(tmp_path):
    det = tmp_path / 'dets.json'
    det.write_text('[{"image_id": 785, "bbox": [0, 0, 9')
    with pytest.raises(AnnotationFileError, match=rf'{det} is not valid JSON'):
        _with_det_file(det)
