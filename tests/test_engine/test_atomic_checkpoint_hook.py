"""AtomicCheckpointHook: a crash while writing a checkpoint leaves the last
good checkpoint complete and named by ``last_checkpoint``; MMEngine's own
hook (the control) loses it."""
import os
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.runner import Runner

from helpers import QUICKSTART_SUP, tiny_config
from mmpose.registry import HOOKS
from mmpose_trs.engine import AtomicCheckpointHook


class Killed(Exception):
    pass


def _crashing_runner(root, tmp_path, hook_type):
    cfg = Config.fromfile(tiny_config(QUICKSTART_SUP, root,
                                      str(tmp_path / 'c.py'), iters=4))
    cfg.default_hooks.checkpoint = dict(type=hook_type, by_epoch=False,
                                        interval=2, max_keep_ckpts=1)
    cfg.work_dir = str(tmp_path / 'w')
    runner = Runner.from_cfg(cfg)
    save = runner.save_checkpoint

    def save_then_die(out_dir, filename, *args, **kwargs):
        if not filename.startswith('iter_4'):
            return save(out_dir, filename, *args, **kwargs)
        with open(osp.join(out_dir, filename), 'wb') as f:
            f.write(b'PK\x03\x04 half a checkpoint')  # killed mid-write
        raise Killed(filename)

    runner.save_checkpoint = save_then_die
    return runner


def _load(path):
    return torch.load(path, map_location='cpu', weights_only=True)


def test_registered():
    assert HOOKS.get('AtomicCheckpointHook') is AtomicCheckpointHook


def test_crash_while_saving_keeps_the_last_good_checkpoint(
        synthetic_root, tmp_path):
    runner = _crashing_runner(synthetic_root, tmp_path,
                              'AtomicCheckpointHook')
    with pytest.raises(Killed, match='iter_4.pth.tmp'):
        runner.train()
    work = tmp_path / 'w'
    last = open(work / 'last_checkpoint').read()
    assert last.endswith('iter_2.pth')
    assert _load(last)['meta']['iter'] == 2  # complete and loadable
    assert not osp.exists(work / 'iter_4.pth')  # no truncated final name


def test_control_mmengine_hook_loses_it(synthetic_root, tmp_path):
    runner = _crashing_runner(synthetic_root, tmp_path, 'CheckpointHook')
    with pytest.raises(Killed):
        runner.train()
    work = tmp_path / 'w'
    last = open(work / 'last_checkpoint').read()
    assert not osp.exists(last)  # deleted before the new one was written
    with pytest.raises(Exception):
        _load(work / 'iter_4.pth')  # truncated


def test_keeps_max_keep_ckpts_after_a_clean_run(synthetic_root, tmp_path):
    cfg = Config.fromfile(tiny_config(QUICKSTART_SUP, synthetic_root,
                                      str(tmp_path / 'c.py'), iters=4))
    cfg.default_hooks.checkpoint = dict(type='AtomicCheckpointHook',
                                        by_epoch=False, interval=1,
                                        max_keep_ckpts=2)
    cfg.work_dir = str(tmp_path / 'w')
    Runner.from_cfg(cfg).train()
    files = sorted(f for f in os.listdir(tmp_path / 'w')
                   if f.endswith(('.pth', '.tmp')))
    assert files == ['iter_3.pth', 'iter_4.pth']
    assert _load(tmp_path / 'w' / 'iter_4.pth')['message_hub'][
        'runtime_info']['keep_ckpt_ids'] == [3, 4]
