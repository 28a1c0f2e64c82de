"""Pseudo-label unlabeled person boxes with a trained top-down model and write
a COCO keypoint file (PseudoPose; DataDistill with --flip and --scales).

Example:
    # any network of a TRS / Dual / SSPCM / Single checkpoint, or a plain
    # MMPose config and checkpoint
    python tools/pseudo_label.py CONFIG CKPT --net f \
        --data-root data/coco \
        --ann-file annotations/splits/coco_1k_unlabeled.json \
        --img-prefix train2017/ --flip --scales 0.9 1.0 1.1 \
        -o data/coco/annotations/coco_1k_pseudo.json
Boxes from a detector: add --det-file (tools/detect_persons.py writes it).
PseudoPose / DataDistill training file: add --merge-with LABELED_JSON.
"""
import argparse
from typing import List, Optional

from mmpose_trs.utils.cli import add_net_argument


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('config', help='the model\'s config')
    p.add_argument('checkpoint')
    add_net_argument(p)
    p.add_argument('--data-root', default='')
    p.add_argument(
        '--ann-file',
        required=True,
        help='COCO json of the '
        'unlabeled images (and their person boxes)')
    p.add_argument(
        '--det-file', help='person detections instead of the '
        'json\'s boxes')
    p.add_argument('--det-score-thr', type=float, default=0.)
    p.add_argument('--img-prefix', default='')
    p.add_argument('-o', '--out', required=True)
    p.add_argument(
        '--merge-with',
        help='a labeled COCO file written into '
        '--out first: the training file of PseudoPose / '
        'DataDistill')
    p.add_argument('--flip', action='store_true', help='flip TTA')
    p.add_argument('--scales', type=float, nargs='+', default=[1.0])
    p.add_argument('--kpt-thr', type=float, default=0.2)
    p.add_argument('--inst-thr', type=float, default=0.3)
    p.add_argument('--batch-size', type=int, default=32)
    p.add_argument('--device', default='cpu')
    p.add_argument('--force', action='store_true')
    return p.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> dict:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    import os.path as osp

    from mmengine.registry import init_default_scope

    import mmpose_trs  # noqa: F401
    from mmpose_trs.apis.pseudo_label import load_pose_model, pseudo_label
    init_default_scope('mmpose')
    if osp.exists(args.out) and not args.force:
        raise SystemExit(f'{args.out} exists; pass --force to replace it')
    model = load_pose_model(args.config, args.checkpoint, args.net,
                            args.device)
    dataset = dict(
        data_root=args.data_root,
        ann_file=args.ann_file,
        data_prefix=dict(img=args.img_prefix),
        det_file=args.det_file,
        score_thr=args.det_score_thr)
    counts = pseudo_label(model, model.cfg, dataset, args.out, args.scales,
                          args.flip, args.kpt_thr, args.inst_thr,
                          args.batch_size, args.force, args.merge_with)
    print(f'\n{counts["kept"]} of {counts["boxes"]} persons kept; wrote '
          f'{counts["written"]} annotations to {args.out}')
    return counts


if __name__ == '__main__':
    main()
