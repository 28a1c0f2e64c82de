"""TRS trains from a folder of images and from videos (unlabeled branch),
and a run over a video source killed at iteration 2 and resumed ends with
the weights of the uninterrupted run, bit for bit."""
import os.path as osp
import sys

import pytest
import torch
from helpers import QUICKSTART_TRS, dump_config, tiny_config, train_process
from media_fixtures import image_folder, write_video
from mmengine.config import Config

from mmpose_trs.utils.run_logs import read_scalars

# starts trainings: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e
SUPERVISED = 'configs/quickstart/supervised_res18-half_synthetic-labeled.py'


def _config(root, media, kind, path, crash_at=None, **source):
    """The tiny TRS quick start with its unlabeled source replaced by
    ``kind`` over ``media/<folder>``."""
    cfg = Config.fromfile(tiny_config(QUICKSTART_TRS, root, path, iters=4))
    cfg.model.burn_in_iters = 0  # unsupervised terms from the first step
    unlabeled = cfg.train_dataloader.dataset.unlabeled
    cfg.train_dataloader.dataset.unlabeled = dict(
        type=kind,
        data_root=str(media),
        metainfo=unlabeled.get('metainfo'),
        pipeline=unlabeled.pipeline,
        **source)
    if crash_at is not None:
        cfg.custom_hooks.append(dict(type='CrashAtIterHook', at=crash_at))
        cfg.custom_imports['imports'].append('crash_hook')
    dump_config(cfg, path)
    return path


def _weights(work):
    ckpt = torch.load(
        osp.join(work, 'iter_4.pth'), map_location='cpu', weights_only=True)
    return ckpt['state_dict']


@pytest.fixture(scope='module')
def media(tmp_path_factory):
    root = tmp_path_factory.mktemp('media')
    write_video(str(root / 'videos' / 'a.avi'), frames=20)
    write_video(str(root / 'videos' / 'more' / 'b.avi'), frames=16)
    image_folder(str(root))
    return root


def test_trains_from_an_image_folder(synthetic_root, media, tmp_path):
    cfg = _config(
        synthetic_root,
        media,
        'UnlabeledImageFolder',
        str(tmp_path / 'folder.py'),
        data_prefix=dict(img='images/'))
    rc, log = train_process(cfg, str(tmp_path / 'work'))
    assert rc == 0, log[-3000:]
    assert osp.isfile(tmp_path / 'work' / 'iter_4.pth')
    # every step had unlabeled terms from the folder's crops
    steps = [r for r in read_scalars(str(tmp_path / 'work')) if 'loss' in r]
    assert [r['step'] for r in steps] == [1, 2, 3, 4]
    assert all(r['unsup_f_teacher_loss_kpt'] > 0 for r in steps)


def test_resume_over_a_video_source_is_exact(synthetic_root, media, tmp_path):
    source = dict(data_prefix=dict(img='videos/'), frame_stride=2)
    straight = str(tmp_path / 'straight')
    rc, log = train_process(
        _config(synthetic_root, media, 'UnlabeledVideoFrames',
                str(tmp_path / 's.py'), **source), straight)
    assert rc == 0, log[-3000:]
    resumed = str(tmp_path / 'resumed')
    rc, log = train_process(
        _config(
            synthetic_root,
            media,
            'UnlabeledVideoFrames',
            str(tmp_path / 'crash.py'),
            crash_at=2,
            **source), resumed)
    assert rc != 0 and not osp.exists(osp.join(resumed, 'iter_4.pth'))
    rc, log = train_process(
        _config(synthetic_root, media, 'UnlabeledVideoFrames',
                str(tmp_path / 'r.py'), **source), resumed, '--resume')
    assert rc == 0, log[-3000:]
    a, b = _weights(straight), _weights(resumed)
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), key


def test_written_config_trains_from_videos(synthetic_root, media, tmp_path):
    """``tools/trs_config.py --unlabeled-videos DIR --frame-stride 4`` on an
    MMPose config writes a config that trains from the videos' frames."""
    from helpers import run_ok
    base = tmp_path / 'mine.py'
    base.write_text(
        f"_base_ = ['{osp.abspath(SUPERVISED)}']\n"
        'train_pipeline = _base_.labeled_pipeline\n'
        "train_cfg = dict(_delete_=True, type='EpochBasedTrainLoop', "
        'max_epochs=1, val_interval=1)\n')
    written = str(tmp_path / 'trs_videos.py')
    out = run_ok([
        sys.executable, 'tools/trs_config.py',
        str(base), '--labeled-ann',
        'annotations/person_keypoints_labeled.json', '--unlabeled-videos',
        str(media / 'videos'), '--frame-stride', '4', '-o', written
    ])
    assert 'wrote' in out
    unlabeled = Config.fromfile(written).train_dataloader.dataset.unlabeled
    assert unlabeled.type == 'UnlabeledVideoFrames'
    assert unlabeled.frame_stride == 4
    cfg = Config.fromfile(tiny_config(written, synthetic_root, written))
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=2)
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    dump_config(cfg, written)
    work = str(tmp_path / 'work')
    rc, log = train_process(written, work)
    assert rc == 0, log[-3000:]
    steps = [r for r in read_scalars(work) if 'loss' in r]
    assert steps[-1]['step'] == 2
    assert steps[-1]['unsup_f_teacher_loss_kpt'] > 0
