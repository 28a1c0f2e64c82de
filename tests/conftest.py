"""Shared fixtures: a tiny synthetic dataset and tiny network configs."""
import os
import os.path as osp
import sys

import pytest

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
REAL_SAMPLES = osp.join(osp.dirname(ROOT), 'shared', 'data', 'real_samples')
sys.path.insert(0, osp.join(ROOT, 'tools'))
sys.path.insert(0, osp.dirname(osp.abspath(__file__)))

@pytest.fixture(scope='session')
def synthetic_root(tmp_path_factory):
    """A tiny synthetic dataset, written once per test session."""
    import mmpose_trs  # noqa: F401
    from mmpose_trs.synthetic import generate
    root = str(tmp_path_factory.mktemp('synthetic'))
    generate(root, num_labeled=6, num_unlabeled=10, num_val=6, seed=3,
             workers=1)
    return root


@pytest.fixture(autouse=True)
def _chdir_root(monkeypatch):
    """Run every test from the repository root (configs use relative
    paths)."""
    monkeypatch.chdir(ROOT)
    os.environ.setdefault('OMP_NUM_THREADS', '2')
