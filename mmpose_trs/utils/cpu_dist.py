"""Distributed training without GPUs (gloo), for tests and CPU clusters.

MMEngine's ``pytorch`` launcher calls ``torch.cuda.set_device``, and its DDP
wrapper passes ``device_ids=[LOCAL_RANK]``; both fail on CPU-only machines.
"""
import os

import torch
import torch.distributed as dist
from mmengine.config import Config


def prepare_cpu_distributed(cfg: Config) -> bool:
    """If ``cfg.launcher`` is distributed and no GPU is present, start the
    gloo process group from the torchrun environment and make the DDP wrapper
    CPU-compatible. Returns True when it did so.

    Args:
        cfg (Config): the run's config (modified in place).
    """
    if cfg.get('launcher', 'none') == 'none' or torch.cuda.is_available():
        return False
    if not dist.is_initialized():
        dist.init_process_group(
            backend='gloo',
            rank=int(os.environ['RANK']),
            world_size=int(os.environ['WORLD_SIZE']))
    wrapper = cfg.get('model_wrapper_cfg') or dict(
        type='MMDistributedDataParallel')
    wrapper['device_ids'] = None
    cfg.model_wrapper_cfg = wrapper
    return True
