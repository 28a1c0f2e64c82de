"""tools/make_synthetic_coco.py: writes the dataset, does nothing when the
same one is there, refuses another one's folder unless --force."""
import json

import pytest

from mmpose_trs.tools import make_synthetic_coco

TINY = [
    '--num-labeled', '1', '--num-unlabeled', '1', '--num-val', '1',
    '--workers', '1'
]


def test_write_reuse_refuse_force(tmp_path, capsys):
    out = str(tmp_path / 'syn')
    counts = make_synthetic_coco.main([out] + TINY)
    assert counts['val']['images'] == 1
    marker = tmp_path / 'syn' / 'annotations' / 'generation.json'
    stamp = marker.stat().st_mtime_ns
    assert make_synthetic_coco.main([out] + TINY) == counts
    assert marker.stat().st_mtime_ns == stamp  # nothing rewritten
    other = TINY[:-2] + ['--seed', '1', '--workers', '1']
    with pytest.raises(SystemExit, match='pass --force'):
        make_synthetic_coco.main([out] + other)
    assert marker.stat().st_mtime_ns == stamp
    make_synthetic_coco.main([out] + other + ['--force'])
    assert json.loads(marker.read_text())['params']['seed'] == 1
