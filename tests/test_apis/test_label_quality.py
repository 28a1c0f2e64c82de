"""label_ap and tools/analysis/pseudo_label_ap.py on the real COCO samples:
the truth scores AP 1, moved keypoints score less, missing images and empty
selections are named."""
import copy
import json
import os.path as osp
import sys

import pytest
from conftest import REAL_SAMPLES
from helpers import run_ok

from mmpose_trs.apis.label_quality import label_ap

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

GT = osp.join(REAL_SAMPLES, 'coco', 'test_coco.json')


def _labels(tmp_path, shift=0.0, name='labels.json'):
    data = json.load(open(GT))
    out = copy.deepcopy(data)
    out['annotations'] = [a for a in out['annotations'] if a['num_keypoints']]
    for a in out['annotations']:
        kpts = a['keypoints']
        for i in range(0, len(kpts), 3):
            kpts[i] += shift
        a['score'] = 0.9
    path = tmp_path / name
    path.write_text(json.dumps(out))
    return str(path), out


def test_truth_scores_one_and_moved_keypoints_less(tmp_path):
    exact, data = _labels(tmp_path)
    result = label_ap(GT, exact)
    assert result['ap'] == pytest.approx(1.0)
    assert result['num_labels'] == len(data['annotations'])
    moved, _ = _labels(tmp_path, shift=8.0, name='moved.json')
    assert label_ap(GT, moved)['ap'] < 0.9


def test_image_selection_and_errors(tmp_path):
    exact, data = _labels(tmp_path)
    one = data['annotations'][0]['image_id']
    assert label_ap(GT, exact,
                    [one])['num_labels'] == sum(a['image_id'] == one
                                                for a in data['annotations'])
    with pytest.raises(ValueError, match='no persons'):
        label_ap(GT, exact, [-1])
    data['images'].append(dict(id=123456789, file_name='x.jpg'))
    data['annotations'][0]['image_id'] = 123456789
    other = tmp_path / 'other.json'
    other.write_text(json.dumps(data))
    with pytest.raises(ValueError, match='lacks 1 of the images'):
        label_ap(GT, str(other))


def test_tool_prints_the_scores(tmp_path):
    exact, _ = _labels(tmp_path)
    log = run_ok([
        sys.executable, 'tools/analysis/pseudo_label_ap.py', exact, '--gt', GT,
        '--images', GT
    ])
    line = next(x for x in log.splitlines() if x.startswith('{"labels"'))
    result = json.loads(line)
    assert result['ap'] == pytest.approx(1.0) and result['labels'] == exact
