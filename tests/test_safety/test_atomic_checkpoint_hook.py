"""AtomicCheckpointHook: a crash while writing a checkpoint leaves the last
good checkpoint complete and named by ``last_checkpoint``; MMEngine's own
hook (the control) loses it."""
import os
import os.path as osp

import pytest
import torch
from helpers import QUICKSTART_SUP, build_runner, tiny_config
from mmengine.config import Config

from mmpose.registry import HOOKS
from mmpose_trs.safety import AtomicCheckpointHook


class Killed(Exception):
    pass


def _crashing_runner(root, tmp_path, hook_type):
    cfg = Config.fromfile(
        tiny_config(QUICKSTART_SUP, root, str(tmp_path / 'c.py'), iters=4))
    cfg.default_hooks.checkpoint = dict(
        type=hook_type, by_epoch=False, interval=2, max_keep_ckpts=1)
    cfg.work_dir = str(tmp_path / 'w')
    runner = build_runner(cfg)
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
    runner = _crashing_runner(synthetic_root, tmp_path, 'AtomicCheckpointHook')
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
    cfg = Config.fromfile(
        tiny_config(
            QUICKSTART_SUP, synthetic_root, str(tmp_path / 'c.py'), iters=4))
    cfg.default_hooks.checkpoint = dict(
        type='AtomicCheckpointHook',
        by_epoch=False,
        interval=1,
        max_keep_ckpts=2)
    cfg.work_dir = str(tmp_path / 'w')
    build_runner(cfg).train()
    files = sorted(
        f for f in os.listdir(tmp_path / 'w') if f.endswith(('.pth', '.tmp')))
    assert files == ['iter_3.pth', 'iter_4.pth']
    assert _load(
        tmp_path / 'w' /
        'iter_4.pth')['message_hub']['runtime_info']['keep_ckpt_ids'] == [
            3, 4
        ]


def _best_runner(root, tmp_path, hook_type):
    """A runner whose checkpoint hook keeps the best ``coco/AP``; metrics
    are fed to it directly."""
    cfg = Config.fromfile(
        tiny_config(QUICKSTART_SUP, root, str(tmp_path / 'c.py'), iters=4))
    cfg.default_hooks.checkpoint = dict(
        type=hook_type,
        by_epoch=False,
        interval=2,
        save_best='coco/AP',
        rule='greater')
    cfg.work_dir = str(tmp_path / 'w')
    runner = build_runner(cfg)
    hook = [h for h in runner.hooks if type(h).__name__ == hook_type][0]
    hook.before_train(runner)
    return runner, hook


def _validate(runner, hook, it, ap):
    runner.train_loop._iter = it
    hook.after_val_epoch(runner, {'coco/AP': ap})


def test_best_checkpoint_replaced_only_when_the_new_one_is_complete(
        synthetic_root, tmp_path):
    runner, hook = _best_runner(synthetic_root, tmp_path,
                                'AtomicCheckpointHook')
    work = tmp_path / 'w'
    _validate(runner, hook, 2, 0.1)
    _validate(runner, hook, 4, 0.2)
    assert 'save_checkpoint' not in vars(runner)  # the class's method again
    assert not (work / 'best_coco_AP_iter_2.pth').exists()  # replaced
    best = work / 'best_coco_AP_iter_4.pth'
    assert hook.best_ckpt_path == str(best)
    assert _load(best)['meta']['iter'] == 4

    def die(out_dir, filename, *args, **kwargs):
        with open(osp.join(out_dir, filename), 'wb') as f:
            f.write(b'PK\x03\x04 half')
        raise Killed(filename)

    runner.save_checkpoint = die
    with pytest.raises(Killed, match=r'best_coco_AP_iter_6.pth.tmp'):
        _validate(runner, hook, 6, 0.3)
    assert _load(best)['meta']['iter'] == 4  # the old best survives
    assert not osp.exists(work / 'best_coco_AP_iter_6.pth')
    assert runner.save_checkpoint is die  # the runner's patch is put back


def test_control_mmengine_loses_the_best_checkpoint(synthetic_root, tmp_path):
    runner, hook = _best_runner(synthetic_root, tmp_path, 'CheckpointHook')
    _validate(runner, hook, 2, 0.1)
    runner.save_checkpoint = lambda *a, **k: (_ for _ in
                                              ()).throw(Killed('save'))
    with pytest.raises(Killed):
        _validate(runner, hook, 4, 0.2)
    assert not (tmp_path / 'w' / 'best_coco_AP_iter_2.pth').exists()


def test_save_best_of_a_missing_metric_names_the_metrics():
    """A zoo config's save_best='coco/AP' under MultiNetValLoop (whose keys
    are 'f/coco/AP', ...) fails naming the metrics and the key to use."""
    hook = HOOKS.build(
        dict(
            type='AtomicCheckpointHook',
            interval=1,
            save_best='coco/AP',
            rule='greater'))
    hook.key_indicators = ['coco/AP']
    with pytest.raises(
            KeyError,
            match=r"save_best='coco/AP'.*"
            r"'f/coco/AP', 'g/coco/AP'.*save_best='f/coco/AP'"):
        hook._check_save_best({'f/coco/AP': 0.1, 'g/coco/AP': 0.2})
    hook._check_save_best({'coco/AP': 0.1})  # present: no error
