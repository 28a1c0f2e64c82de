"""The built wheel, installed into a fresh virtual environment, works from a
directory outside the clone: a user config inheriting a shipped config
(``mmpose_trs::...``) trains two iterations through the console script and
through ``mim train mmpose_trs``, the protocol card runs on it, and a
network exports to a plain MMPose model.

The fresh environment sees the stack (torch, mmcv, mmpose) of the project's
``.venv`` through a path entry, not the editable install of this clone
(a path entry's own ``.pth`` files are not read), so only the wheel can
provide ``mmpose_trs``.
"""
import glob
import json
import os
import os.path as osp
import shutil
import site
import subprocess
import sys
import textwrap

import pytest

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
pytestmark = [pytest.mark.e2e, pytest.mark.install]
SKIP = ('.git', '.venv', 'work_dirs', 'data', 'build', 'dist', '.mim',
        '__pycache__', '*.egg-info', '.pytest_cache')


def _run(cmd, cwd, env=None, timeout=900):
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (cmd, (proc.stdout + proc.stderr)[-4000:])
    return proc.stdout + proc.stderr


@pytest.fixture(scope='module')
def installed(tmp_path_factory):
    """(venv bin dir, a work dir outside the clone) with the wheel
    installed."""
    tmp = tmp_path_factory.mktemp('wheel')
    src = tmp / 'src'  # a copy: the build writes into its source tree
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*SKIP))
    _run([
        sys.executable, '-m', 'pip', 'wheel', '--no-deps',
        '--no-build-isolation', '-w',
        str(tmp / 'dist'),
        str(src)
    ], tmp)
    wheel, = glob.glob(str(tmp / 'dist' / 'mmpose_trs-*.whl'))
    venv = tmp / 'venv'
    base = getattr(sys, '_base_executable', sys.executable)
    _run([base, '-m', 'venv', str(venv)], tmp)
    py = venv / 'bin' / 'python'
    purelib = _run([
        str(py), '-c', 'import sysconfig; '
        "print(sysconfig.get_paths()['purelib'])"
    ], tmp).strip()
    with open(osp.join(purelib, 'project_stack.pth'), 'w') as f:
        f.write('\n'.join(site.getsitepackages()) + '\n')
    _run([str(py), '-m', 'pip', 'install', '--no-deps', '--no-index', wheel],
         tmp)
    work = tmp / 'user'
    work.mkdir()
    return venv / 'bin', work


def _user_config(work, data_root: str) -> str:
    """A user's config on the shipped quick-start TRS config."""
    path = work / 'my_trs.py'
    path.write_text(
        textwrap.dedent(f'''
        _base_ = ['mmpose_trs::quickstart/trs_res18-half_synthetic.py']
        root = {data_root!r}
        train_dataloader = dict(
            batch_size=4, num_workers=0, persistent_workers=False,
            sampler=dict(num_labeled=2, num_unlabeled=2),
            dataset=dict(labeled=dict(data_root=root),
                         unlabeled=dict(data_root=root)))
        val_dataloader = dict(
            num_workers=0, persistent_workers=False,
            dataset=dict(data_root=root))
        test_dataloader = val_dataloader
        val_evaluator = dict(
            ann_file=root + 'annotations/person_keypoints_val.json')
        test_evaluator = val_evaluator
        model = dict(burn_in_iters=1, unsup_rampup_iters=0)
        train_cfg = dict(max_iters=2, val_interval=2)
        default_hooks = dict(logger=dict(interval=1),
                             checkpoint=dict(interval=2))
        '''))
    return str(path)


def test_wheel_works_outside_the_clone(installed):
    bin_dir, work = installed
    env = dict(os.environ, OMP_NUM_THREADS='1')
    where = _run([
        str(bin_dir / 'python'), '-c',
        'import mmpose_trs; print(mmpose_trs.__file__)'
    ], work, env)
    assert str(bin_dir.parent) in where and ROOT not in where
    data = str(work / 'synthetic') + '/'
    _run([
        str(bin_dir / 'mmpose-trs-make-synthetic'), data, '--num-labeled', '6',
        '--num-unlabeled', '8', '--num-val', '4'
    ], work, env)
    cfg = _user_config(work, data)
    log = _run([str(bin_dir / 'mmpose-trs-train'), cfg, '--work-dir', 'w1'],
               work, env)
    assert 'unsup' in log  # the second iteration has unlabeled terms
    ckpt = work / 'w1' / 'iter_2.pth'
    assert ckpt.is_file()
    # mim finds the package's train tool and runs the user config with it
    _run([
        str(bin_dir / 'python'), '-m', 'mim', 'train', 'mmpose_trs', cfg,
        '--work-dir', 'w2'
    ], work, env)
    assert (work / 'w2' / 'iter_2.pth').is_file()
    out = _run([str(bin_dir / 'mmpose-trs-protocol-card'), cfg, '--json'],
               work, env)
    card = json.JSONDecoder().raw_decode(out[out.index('{\n'):])[0]['card']
    assert card['schedule.iterations'] == 2
    assert (card['batch.labeled_per_step'],
            card['batch.unlabeled_per_step']) == (2, 2)
    assert card['loss.guides'] == ['teacher', 'reviewer']
    _run([
        str(bin_dir / 'mmpose-trs-export'), cfg,
        str(ckpt), '--net', 'g', '--out-dir', 'exported'
    ], work, env)
    assert (work / 'exported' / 'g.py').is_file()
    assert (work / 'exported' / 'g.pth').is_file()


def test_paper_config_ships(installed):
    """The COCO paper configs are in the wheel and load as
    ``mmpose_trs::`` bases."""
    bin_dir, work = installed
    path = work / 'my_coco.py'
    path.write_text("_base_ = ['mmpose_trs::trs/coco/"
                    "trs_res18_coco-1k_256x192.py']\n")
    out = _run([
        str(bin_dir / 'python'), '-c',
        'import mmpose_trs; from mmengine.config import Config; '
        f"c = Config.fromfile({str(path)!r}); "
        "print(c.model.type, c.expected_sizes.unlabeled)"
    ], work)
    assert out.strip().splitlines()[-1] == 'TRSPoseEstimator 149813'
