"""FormattedOnceConfig: Config's text, formatted once per content."""
import copy
import pickle

import mmengine.config.config as mmengine_config
from mmengine.config import Config

from mmpose_trs.utils import config_text
from mmpose_trs.utils.config_text import FormattedOnceConfig

CFG = dict(
    model=dict(type='TRSPoseEstimator', net_f=dict(type='A', depth=18)),
    train_cfg=dict(max_iters=10, val_interval=5))


def _counting(monkeypatch):
    monkeypatch.setattr(config_text, '_TEXTS', {})  # nothing kept before
    calls = []
    real = mmengine_config.FormatCode

    def format_code(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(mmengine_config, 'FormatCode', format_code)
    return calls


def test_same_text_as_config_and_formatted_once(monkeypatch):
    plain = Config(copy.deepcopy(CFG))
    expected = plain.pretty_text
    calls = _counting(monkeypatch)
    once = FormattedOnceConfig.of(Config(copy.deepcopy(CFG)))
    assert [once.pretty_text for _ in range(3)] == [expected] * 3
    # the Runner deep-copies its config: the copy is the same class and its
    # text is not formatted again
    copied = copy.deepcopy(once)
    assert type(copied) is FormattedOnceConfig
    assert copied.pretty_text == expected
    assert pickle.loads(pickle.dumps(once)).pretty_text == expected
    assert len(calls) == 1


def test_a_changed_config_is_formatted_again(monkeypatch):
    once = FormattedOnceConfig.of(Config(copy.deepcopy(CFG)))
    before = once.pretty_text
    calls = _counting(monkeypatch)
    once.train_cfg.max_iters = 20
    after = once.pretty_text
    assert after != before and 'max_iters=20' in after
    assert after == Config(once.to_dict()).pretty_text
    assert len(calls) == 2  # this one and Config's own for the comparison


def test_of_shares_the_config_state():
    cfg = Config(copy.deepcopy(CFG), filename='x.py', cfg_text='t')
    once = FormattedOnceConfig.of(cfg)
    assert once.filename == 'x.py' and once.text == 't'
    assert once.to_dict() == cfg.to_dict()
    once.model.net_f.depth = 50  # one state: the edit shows in both
    assert cfg.model.net_f.depth == 50
