"""Evaluate a checkpoint; for TRS configs every network is reported.

Example:
    python tools/test.py configs/quickstart/trs_res18-half_synthetic.py \
        work_dirs/trs/best.pth --metrics-out metrics.json
"""
import argparse
import json
import os
import os.path as osp
from typing import List, Optional

from mmengine.config import Config

from mmpose_trs.safety.checkpoint_info import describe_checkpoint
from mmpose_trs.utils import parse_with_runner_args, prepare_cpu_distributed
from mmpose_trs.utils.config_text import runner_from_cfg
from mmpose_trs.utils.config_tools import DEFAULT_DET_FILE, apply_protocol


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Test a pose model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='where logs go')
    parser.add_argument('--metrics-out', help='write the metrics to this json')
    parser.add_argument(
        '--protocol',
        choices=['paper', 'mmpose'],
        help="COCO evaluation protocol: 'paper' (ground-truth boxes, no flip "
        "test) or 'mmpose' (model-zoo person detections + flip test)")
    parser.add_argument(
        '--det-file',
        default=DEFAULT_DET_FILE,
        help="person detections for --protocol mmpose")
    parser.add_argument(
        '--predict-on',
        help='test only this prediction of a semi-supervised model: a '
        'network (g) or an ensemble (f,g: heatmaps averaged, then decoded), '
        "through the model's own predict (as MMPoseInferencer calls it); "
        'metrics without a network prefix')
    return parse_with_runner_args(parser, argv)


def predict_on(cfg: Config, target: str) -> Config:
    """``cfg`` testing only ``target`` (``'f,g'``) with MMEngine's plain
    ``TestLoop`` (in place)."""
    from mmpose_trs.models.ensemble import members
    from mmpose_trs.utils.networks import is_semi_config
    if not is_semi_config(cfg.model):
        raise ValueError(f'--predict-on {target}: {cfg.model.get("type")} is '
                         'not a semi-supervised model with named networks')
    names = members(target)
    cfg.model.setdefault('test_cfg', {})
    cfg.model.test_cfg['predict_on'] = names[0] if len(names) == 1 else names
    cfg.test_cfg = dict(type='TestLoop')
    return cfg


def main(argv: Optional[List[str]] = None) -> dict:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    if not osp.isfile(args.checkpoint):
        raise FileNotFoundError(f'checkpoint {args.checkpoint} does not exist')
    cfg = Config.fromfile(args.config)
    if args.protocol:
        apply_protocol(cfg, args.protocol, args.det_file)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    if args.predict_on:
        predict_on(cfg, args.predict_on)
    cfg.launcher = args.launcher
    cfg.work_dir = args.work_dir or cfg.get('work_dir') or osp.join(
        './work_dirs',
        osp.splitext(osp.basename(args.config))[0])
    cfg.load_from = args.checkpoint
    prepare_cpu_distributed(cfg)  # no-op with GPUs or without a launcher
    which = describe_checkpoint(args.checkpoint)
    print(f'[test] {which["text"]}', flush=True)
    metrics = runner_from_cfg(cfg).test()
    print(f'[test] metrics of {which["text"]}', flush=True)
    if args.metrics_out:
        os.makedirs(osp.dirname(osp.abspath(args.metrics_out)), exist_ok=True)
        out = {k: float(v) for k, v in metrics.items()}
        out.update({
            'checkpoint/iter': which['iter'],
            'checkpoint/is_final': float(which['kind'] == 'final'),
            'checkpoint/is_best': float(which['kind'] == 'best')
        })
        with open(args.metrics_out, 'w') as f:
            json.dump(out, f, indent=1)
    return metrics


if __name__ == '__main__':
    main()
