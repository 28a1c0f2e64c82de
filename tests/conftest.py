"""Shared fixtures: a tiny synthetic dataset and tiny network configs."""
import os
import os.path as osp

import pytest

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
# real COCO/MPII/AIC/... samples shipped with the tests
# (tests/data/real_samples/SOURCE.md)
REAL_SAMPLES = osp.join(ROOT, 'tests', 'data', 'real_samples')
# albumentations (imported with MMPose) asks PyPI for a newer version in
# every process and warns on stderr, which the tests read: not here
os.environ.setdefault('NO_ALBUMENTATIONS_UPDATE', '1')

# the project's process-wide settings, on as in its configs and tools
# (tests/test_package.py checks, in a fresh interpreter, that a plain
# ``import mmpose_trs`` leaves them off)
from mmpose_trs.safety.process_setup import setup_process  # noqa: E402

setup_process()


@pytest.fixture(scope='session')
def synthetic_root(tmp_path_factory):
    """A tiny synthetic dataset, written once per test session."""
    import mmpose_trs  # noqa: F401
    from mmpose_trs.synthetic import generate
    root = str(tmp_path_factory.mktemp('synthetic'))
    generate(
        root, num_labeled=6, num_unlabeled=10, num_val=6, seed=3, workers=1)
    return root


@pytest.fixture(scope='session')
def data_tree(tmp_path_factory):
    """The real samples laid out as docs/reproduce.md lays out COCO, MPII,
    AI Challenger and WILD, with their splits (``<root>/data/...``)."""
    from fixture_tree import make_data_tree
    root = tmp_path_factory.mktemp('tree')
    make_data_tree(str(root))
    return str(root)


@pytest.fixture(autouse=True)
def _chdir_root(monkeypatch):
    """Run every test from the repository root (configs use relative
    paths)."""
    monkeypatch.chdir(ROOT)
    os.environ.setdefault('OMP_NUM_THREADS', '2')
