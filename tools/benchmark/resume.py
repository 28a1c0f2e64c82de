"""Time from ``--resume`` to the first new iteration, by the iteration
reached, with MMEngine's replay and with ExactResumeHook's skip by index.

A one-iteration run of the config gives the weights; its checkpoint is
re-labelled as reached at iteration N (meta and message hub), and each
resumed run trains one more iteration. The weights do not matter here: the
replay loads N batches, the skip none. Each measurement is the wall time of
the resumed ``tools/train.py`` process (start-up, resume, the skip or
replay, one iteration, one checkpoint).

Example:
    python tools/benchmark_resume.py --iters 100 1000 10000
"""
import argparse
import json
import os
import os.path as osp

from mmpose_trs.tools.run_tool import run_tool

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIG = 'configs/quickstart/trs_res18-half_synthetic.py'
# 2 + 2 crops per step: a quick synthetic setting (replay cost per batch is
# what is measured; bigger batches only scale it)
SMALL = [
    'train_dataloader.batch_size=4', 'train_dataloader.sampler.num_labeled=2',
    'train_dataloader.sampler.num_unlabeled=2', 'model.burn_in_iters=0',
    'default_hooks.logger.interval=1', 'default_hooks.checkpoint.interval=1',
    'train_cfg.val_interval=100000000'
]
MODES = dict(replay=False, skip=True)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--iters', type=int, nargs='+', default=[100, 1000])
    p.add_argument('--modes', nargs='+', default=list(MODES), choices=MODES)
    p.add_argument('--config', default=CONFIG)
    p.add_argument('--data-root', default='data/synthetic')
    p.add_argument('--work-dir', default='work_dirs/benchmark_resume')
    return p.parse_args(argv)


def train(config: str, work: str, opts: list, resume: bool = False) -> float:
    """Run the train tool; return its wall time in seconds."""
    return run_tool(
        'train',
        config,
        '--work-dir',
        work,
        *(['--resume'] if resume else []),
        '--cfg-options',
        *opts,
        log=osp.join(work, 'train.log'),
        cwd=ROOT)


def reached_at(base: str, it: int, work: str) -> None:
    """Copy ``base`` into ``work`` as a checkpoint reached at ``it``."""
    import torch
    ckpt = torch.load(base, map_location='cpu', weights_only=True)
    ckpt['meta']['iter'] = it
    ckpt['message_hub']['runtime_info']['iter'] = it
    path = osp.join(work, f'iter_{it}.pth')
    torch.save(ckpt, path)
    with open(osp.join(work, 'last_checkpoint'), 'w') as f:
        f.write(path)


def hook_index(config: str) -> int:
    """Position of ExactResumeHook in the config's custom_hooks."""
    from mmengine.config import Config
    hooks = Config.fromfile(osp.join(ROOT, config)).custom_hooks
    return [h['type'] for h in hooks].index('ExactResumeHook')


def main(argv=None) -> dict:
    args = parse_args(argv)
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    from mmpose_trs.synthetic import ensure_dataset
    ensure_dataset(args.data_root)
    data = [
        f'{k}={osp.abspath(args.data_root)}/'
        for k in ('train_dataloader.dataset.labeled.data_root',
                  'train_dataloader.dataset.unlabeled.data_root',
                  'val_dataloader.dataset.data_root')
    ]
    ann = osp.abspath(
        args.data_root) + '/annotations/person_keypoints_val.json'
    opts = SMALL + data + [f'val_evaluator.ann_file={ann}']
    base = osp.join(args.work_dir, 'base')
    os.makedirs(base, exist_ok=True)
    train(args.config, base, opts + ['train_cfg.max_iters=1'])
    index, results = hook_index(args.config), []
    for it in args.iters:
        for mode in args.modes:
            work = osp.join(args.work_dir, f'{mode}_{it}')
            os.makedirs(work, exist_ok=True)
            reached_at(osp.join(base, 'iter_1.pth'), it, work)
            seconds = train(
                args.config,
                work,
                opts + [
                    f'train_cfg.max_iters={it + 1}',
                    f'custom_hooks.{index}.skip_by_index={MODES[mode]}'
                ],
                resume=True)
            results.append(dict(iter=it, mode=mode, seconds=seconds))
            print(
                f'resume at iteration {it:>6} ({mode:>6}): '
                f'{seconds:7.1f} s to the end of the first new iteration',
                flush=True)
            with open(osp.join(args.work_dir, 'results.json'), 'w') as f:
                json.dump(results, f, indent=1)
    return dict(results=results)


if __name__ == '__main__':
    main()
