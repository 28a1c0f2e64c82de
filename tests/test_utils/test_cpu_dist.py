"""CPU distributed set-up: nothing without a launcher; with one (and no
GPU), a gloo group and a DDP wrapper without device ids (the two-process
run is tests/test_e2e/test_distributed.py)."""
import pytest
import torch
from mmengine.config import Config

from mmpose_trs.utils.cpu_dist import prepare_cpu_distributed


def test_no_launcher_changes_nothing():
    cfg = Config(dict(launcher='none'))
    assert not prepare_cpu_distributed(cfg)
    assert 'model_wrapper_cfg' not in cfg


@pytest.mark.skipif(torch.cuda.is_available(), reason='CPU-only path')
def test_launcher_on_cpu_starts_gloo_and_drops_device_ids(monkeypatch):
    calls = []
    monkeypatch.setattr(torch.distributed, 'is_initialized', lambda: False)
    monkeypatch.setattr(torch.distributed, 'init_process_group',
                        lambda **kw: calls.append(kw))
    monkeypatch.setenv('RANK', '1')
    monkeypatch.setenv('WORLD_SIZE', '2')
    cfg = Config(dict(launcher='pytorch'))
    assert prepare_cpu_distributed(cfg)
    assert calls == [dict(backend='gloo', rank=1, world_size=2)]
    assert cfg.model_wrapper_cfg == dict(
        type='MMDistributedDataParallel', device_ids=None)
