"""The top-level ``expected_sizes`` of a config: checked against the data
before iteration 1, whatever the train loop."""
import pytest
from helpers import QUICKSTART_SUP, QUICKSTART_TRS, build_runner, tiny_config
from mmengine.config import Config

from mmpose_trs.safety import StartupCheckHook
from mmpose_trs.safety.split_sizes import check_expected_sizes, source_sizes


def _runner(base, synthetic_root, tmp_path, expected):
    cfg = Config.fromfile(
        tiny_config(base, synthetic_root, str(tmp_path / 'c.py')))
    cfg.expected_sizes = expected
    cfg.work_dir = str(tmp_path / 'work')
    return build_runner(cfg)


def test_mixed_stream_sizes_checked(synthetic_root, tmp_path):
    """An IterBasedTrainLoop config with a wrong unlabeled size stops,
    naming the file and both sizes; None expects nothing."""
    runner = _runner(QUICKSTART_TRS, synthetic_root, tmp_path,
                     dict(labeled=9, unlabeled=149813))
    dataset = runner.train_dataloader.dataset
    assert source_sizes(dataset) == dict(labeled=9, unlabeled=12)
    with pytest.raises(
            ValueError,
            match=r'expects 149,813 unlabeled .*'
            r'person_keypoints_unlabeled\.json\) has 12'):
        StartupCheckHook(check_images=False).before_train(runner)
    check_expected_sizes(dataset, dict(labeled=9, unlabeled=None))
    check_expected_sizes(dataset, None)


def test_plain_dataset_is_the_labeled_source(synthetic_root, tmp_path):
    """A supervised config's training set is its labeled source."""
    runner = _runner(QUICKSTART_SUP, synthetic_root, tmp_path,
                     dict(labeled=1000))
    dataset = runner.train_dataloader.dataset
    assert source_sizes(dataset) == dict(labeled=len(dataset))
    with pytest.raises(ValueError, match=r'expects 1,000 labeled'):
        check_expected_sizes(dataset, dict(labeled=1000))
    with pytest.raises(ValueError, match="unknown source 'unlabel'"):
        check_expected_sizes(dataset, dict(unlabel=3))
