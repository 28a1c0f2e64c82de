"""Train a model from a config (TRS or any MMPose config).

Same options as MMPose's ``tools/train.py`` (``mim train mmpose CONFIG`` runs
that one and works with our configs too).

Example:
    python tools/train.py configs/quickstart/trs_res18-half_synthetic.py
"""
import argparse
import os.path as osp
from typing import List, Optional

from mmengine.config import Config

from mmpose_trs.utils import parse_with_runner_args, prepare_cpu_distributed
from mmpose_trs.utils.config_text import runner_from_cfg


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Train a pose model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='where logs and checkpoints go')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from this checkpoint, or (no value) from the latest one '
        'in the work directory')
    parser.add_argument(
        '--amp', action='store_true', help='automatic mixed precision')
    parser.add_argument(
        '--no-validate',
        action='store_true',
        help='skip validation during training')
    parser.add_argument(
        '--auto-scale-lr',
        action='store_true',
        help='scale the lr by the actual total batch size')
    return parse_with_runner_args(parser, argv)


def merge_args(cfg: Config, args: argparse.Namespace) -> Config:
    """Apply the command-line options to ``cfg``."""
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    if args.amp:
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif args.resume is not None:
        cfg.resume, cfg.load_from = True, args.resume
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    return cfg


def main(argv: Optional[List[str]] = None) -> None:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    cfg = merge_args(Config.fromfile(args.config), args)
    prepare_cpu_distributed(cfg)  # no-op with GPUs or without a launcher
    # yapf formats the config once, not at every log, dump and checkpoint
    runner_from_cfg(cfg).train()


if __name__ == '__main__':
    main()
