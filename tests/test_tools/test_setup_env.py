"""tools/setup_env.sh idempotence and the torchvision fix: installation
checks (marker ``install``), apart from the unit tests."""
import os
import os.path as osp
import subprocess
import sys
import textwrap

import fix_torchvision
import pytest
from conftest import ROOT

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e


@pytest.mark.install
def test_second_run_is_a_no_op():
    """With .venv built, the script only checks and exits 0 ('up to date');
    it installs nothing."""
    venv = osp.dirname(osp.dirname(sys.executable))
    if not osp.isfile(osp.join(venv, '.mmpose_trs_stamp')):
        pytest.fail(f'{venv} was not built by tools/setup_env.sh')
    proc = subprocess.run(['bash', 'tools/setup_env.sh'],
                          cwd=ROOT,
                          capture_output=True,
                          text=True,
                          timeout=300,
                          env=dict(os.environ, TRS_VENV=venv))
    assert proc.returncode == 0, proc.stderr
    assert 'up to date' in proc.stdout
    assert 'stage 1/6' not in proc.stdout


FAKE = textwrap.dedent('''
    import torch
    import torch.library

    @torch.library.register_fake("torchvision::nms")
    def meta_nms(dets, scores, iou_threshold):
        return 1

    @torch.library.register_fake("mmpose_trs_test::missing_op")
    def meta_missing(x):
        return 2
''')


def test_patch_guards_register_fake(tmp_path):
    """After the patch, decorators of ops that are not loaded leave the
    function undecorated, and the file still imports; patching twice is a
    no-op."""
    path = tmp_path / '_meta_registrations.py'
    path.write_text(FAKE)
    assert fix_torchvision.patch(str(path)) is True
    assert fix_torchvision.patch(str(path)) is False
    src = path.read_text()
    assert src.count('_trs_guard(torch.library.register_fake)(') == 2
    ns = {}
    exec(compile(src, str(path), 'exec'), ns)
    assert ns['meta_missing'](0) == 2  # undecorated plain function
    assert ns['_trs_op_loaded']('mmpose_trs_test::missing_op') is False


@pytest.mark.install
def test_torchvision_imports_here():
    proc = subprocess.run([sys.executable, '-c', 'import torchvision'],
                          capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
