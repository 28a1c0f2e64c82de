"""The pipelines' throughput benchmark (tools/benchmark_data.py
--throughput): our loaders measured on the tiled real samples, the stage
profile covers every transform, and Xie et al.'s records are built as
their COCO reader builds them."""
import json

import numpy as np
import pytest


@pytest.fixture
def loader_speed(monkeypatch):
    monkeypatch.syspath_prepend('tools')
    from benchmark import loader_speed
    return loader_speed


def test_tiled_pool_and_peer_records(loader_speed, tmp_path):
    ann = loader_speed.tiled_annotations(str(tmp_path / 't.json'), 10)
    data = json.load(open(ann))
    assert [a['id'] for a in data['annotations']] == list(range(1, 11))
    records = loader_speed._peer_records(ann, 192 / 256)
    assert len(records) == 10
    first, box = records[0], data['annotations'][0]['bbox']
    np.testing.assert_allclose(first['center'],
                               [box[0] + box[2] / 2, box[1] + box[3] / 2])
    w, h = first['scale'] / 1.25 * 200
    assert w / h == pytest.approx(0.75) and (w >= box[2] - 1e-3
                                             and h >= box[3] - 1e-3)
    assert first['joints_3d'].shape == (17, 3)
    assert set(np.unique(first['joints_3d_vis'])) <= {0., 1.}


def test_throughput_of_our_loaders(loader_speed, tmp_path):
    result = loader_speed.throughput(
        crops=64, workers=[0], rounds=1, work_dir=str(tmp_path))
    assert set(result['rates']) == {'labeled', 'unlabeled'}
    assert all(r[0] > 0 for r in result['rates'].values())
    labeled, unlabeled = result['stages']['labeled'], result['stages'][
        'unlabeled']
    assert 'GenerateTarget' in labeled and 'GenerateTarget' not in unlabeled
    assert {'LoadImage', 'TopdownAffine', 'collate'} <= set(unlabeled)
    assert all(v >= 0 for v in labeled.values())
    table = loader_speed.throughput_tables(result)
    assert '| labeled |' in table and '| GenerateTarget |' in table
