"""Run by test_distributed.py under torchrun: train a tiny TRS config with
two gloo processes, then record what each rank saw and its reviewers."""
import itertools
import json
import sys

import torch
import torch.distributed as dist
from mmengine.config import Config

from mmpose_trs.utils import prepare_cpu_distributed
from mmpose_trs.utils.config_text import runner_from_cfg


def main(cfg_path, work_dir, out_path):
    cfg = Config.fromfile(cfg_path)
    cfg.launcher = 'pytorch'
    cfg.work_dir = work_dir
    prepare_cpu_distributed(cfg)
    runner = runner_from_cfg(cfg)
    runner.train()
    sampler = runner.train_dataloader.sampler
    n = cfg.train_cfg.max_iters * sampler.batch_size
    seen = list(itertools.islice(iter(sampler), n))
    model = runner.model.module
    reviewers = torch.cat([
        p.detach().flatten().double()
        for p in list(model.reviewer_f.parameters()) +
        list(model.reviewer_g.parameters())
    ])
    gathered = [None] * dist.get_world_size()
    dist.all_gather_object(gathered,
                           dict(seen=seen, reviewers=reviewers.tolist()))
    if dist.get_rank() == 0:
        with open(out_path, 'w') as f:
            json.dump(gathered, f)


if __name__ == '__main__':
    main(*sys.argv[1:4])
