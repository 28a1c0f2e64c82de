"""tools/benchmark_data.py: generated pools, both stores measured in fresh
processes, consistent rows and table."""
import json
import sys

import pytest

# starts processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


def test_pools_are_generated_and_measured(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend('tools')
    from benchmark.data_pool import PER_IMAGE, main, make_pool
    ann, det = make_pool(str(tmp_path), 103)
    images = json.load(open(ann))['images']
    dets = json.load(open(det))
    assert len(dets) == 103 and len(images) == -(-103 // PER_IMAGE)
    assert {d['image_id'] for d in dets} == {i['id'] for i in images}
    rows = main(
        ['--sizes', '103', '--workers', '0', '2', '--work-dir',
         str(tmp_path)])
    assert [(r['boxes'], r['store']) for r in rows] == [(103, 'compact'),
                                                        (103, 'dicts')]
    for row in rows:
        assert row['build_s'] > 0 and row['peak_mb'] > 0
        assert set(row['workers']) == {'2'}  # 0 workers: nothing to read
        worker = row['workers']['2']
        assert 0 < worker['private_mb'] < worker['pss_mb']
        assert {'bbox', 'img_path', 'keypoints'} <= set(row['sample_keys'])
    assert sys.modules['benchmark.data_pool'].table(rows,
                                                    [0, 2
                                                     ]).count('| 103 |') == 2
