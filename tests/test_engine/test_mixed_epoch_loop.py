"""MixedEpochTrainLoop: length and validation in epochs of the mixed stream,
LR milestones in epochs converted with the same epoch, and the epoch length
recorded for the estimators."""
import pytest
from helpers import QUICKSTART_TRS, build_runner, tiny_config
from mmengine.config import Config


def _cfg(synthetic_root, tmp_path, **loop):
    path = tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp_path / 'c.py'))
    cfg = Config.fromfile(path)
    cfg.train_cfg = dict(
        type='MixedEpochTrainLoop', max_epochs=3, val_interval=2, **loop)
    cfg.param_scheduler = [
        dict(
            type='MultiStepLR',
            by_epoch=True,
            convert_to_iter_based=True,
            milestones=[2],
            gamma=0.1)
    ]
    cfg.work_dir = str(tmp_path / 'work')
    return cfg


def test_lengths_in_epochs(synthetic_root, tmp_path):
    """9 labeled and 12 unlabeled persons at 2 + 2 per step: an epoch is
    ceil(12 / 2) = 6 iterations (the larger source)."""
    runner = build_runner(_cfg(synthetic_root, tmp_path))
    loop = runner.train_loop
    assert loop.dataloader.sampler.sizes == [9, 12]
    assert loop.epoch_iters == 6 == len(runner.train_dataloader)
    assert (loop.max_iters, loop.val_begin, loop.val_interval) == (18, 6, 12)
    runner.optim_wrapper = runner.build_optim_wrapper(runner.optim_wrapper)
    scheds = runner.build_param_scheduler(runner.param_schedulers)
    assert list(scheds[0].milestones) == [12]  # epoch 2 = iteration 12


def test_old_expected_sizes_key_is_refused(synthetic_root, tmp_path):
    """The sizes moved to the config's top level: the loop says where."""
    cfg = _cfg(synthetic_root, tmp_path, expected_sizes=dict(labeled=9))
    with pytest.raises(ValueError, match=r'expected_sizes = \{.labeled.: 9'):
        build_runner(cfg).train_loop


def test_records_the_epoch_length(synthetic_root, tmp_path):
    """The epoch of the mixed stream is in the runtime info (SSPCM's
    snapshot_interval='epoch' reads it)."""
    from mmpose_trs.utils.branches import EPOCH_ITERS
    runner = build_runner(_cfg(synthetic_root, tmp_path))
    assert runner.train_loop.epoch_iters == 6
    assert runner.message_hub.get_info(EPOCH_ITERS) == 6


def test_needs_the_mixed_sampler(synthetic_root, tmp_path):
    cfg = _cfg(synthetic_root, tmp_path)
    cfg.train_dataloader.sampler = dict(type='InfiniteSampler')
    with pytest.raises(TypeError, match='LabeledUnlabeledSampler'):
        build_runner(cfg).train_loop
