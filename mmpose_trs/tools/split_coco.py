"""Write labeled/unlabeled annotation files from a COCO keypoints json.

Examples:
    # Xie et al.-compatible: first 1000 valid instances labeled, all unlabeled
    python tools/split_coco.py \
        data/coco/annotations/person_keypoints_train2017.json \
        data/coco/annotations/splits --protocol xie --num 1000 --name coco_1k
    # seeded random image-level split
    python tools/split_coco.py ANN OUT_DIR --protocol random --num 5000 \
        --seed 0
    # re-create a split from its id file (portable, no seed needed)
    python tools/split_coco.py ANN OUT_DIR --ids coco_1k_ids.json \
        --name coco_1k
    # 100K unlabeled person boxes of AI Challenger (nothing labeled)
    python tools/split_coco.py aic_train.json OUT_DIR --protocol unlabeled \
        --num 100000 --name aic_100k
    # MPII json (MMPose's format): 1K labeled + 10K unlabeled samples
    python tools/split_coco.py mpii_train.json OUT_DIR --format mpii \
        --num 1000 --num-unlabeled 10000 --name mpii_1k \
        --img-dir data/mpii/images
"""
import argparse
import json
from typing import List, Optional

from mmpose_trs.datasets.splits import (choose_split, split_mpii,
                                        write_json_files, write_split)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__)
    p.add_argument('ann_file')
    p.add_argument('out_dir')
    p.add_argument('--format', choices=['coco', 'mpii'], default='coco')
    p.add_argument(
        '--protocol', choices=['xie', 'random', 'unlabeled'], default='xie')
    p.add_argument(
        '--num',
        type=int,
        help='labeled instances (xie) or '
        'images (random)')
    p.add_argument(
        '--num-unlabeled',
        type=int,
        default=0,
        help='unlabeled samples (mpii format)')
    p.add_argument(
        '--img-dir',
        help='MPII images folder (mpii format with '
        '--num-unlabeled: the unlabeled boxes need image sizes)')
    p.add_argument(
        '--fraction', type=float, help='labeled share of the images (random)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--ids', help='an existing <name>_ids.json to apply')
    p.add_argument('--name', help='output prefix (default: from the options)')
    p.add_argument(
        '--force',
        action='store_true',
        help='replace an existing split of the same name')
    return p.parse_args(argv)


def split_mpii_file(args: argparse.Namespace) -> list:
    with open(args.ann_file) as f:
        samples = json.load(f)
    parts = split_mpii(
        samples, args.num, args.num_unlabeled, args.seed, img_dir=args.img_dir)
    name = args.name or f'mpii_{args.num}_{args.num_unlabeled}'
    paths = write_json_files(parts, args.out_dir, name, args.force)
    print(f'labeled: {len(parts["labeled"])} samples; unlabeled: '
          f'{len(parts["unlabeled"]["annotations"])} boxes')
    print('wrote ' + ', '.join(paths))
    return paths


def main(argv: Optional[List[str]] = None) -> list:
    args = parse_args(argv)
    if args.format == 'mpii':
        return split_mpii_file(args)
    if args.ids:
        with open(args.ids) as f:
            ids = json.load(f)
    else:
        with open(args.ann_file) as f:
            data = json.load(f)
        ids = choose_split(data, args.protocol, args.num, args.fraction,
                           args.seed)
    name = args.name or (
        f'{ids["protocol"]}_{ids["num"]}' +
        (f'_seed{ids["seed"]}' if ids['protocol'] != 'xie' else ''))
    paths = write_split(args.ann_file, args.out_dir, name, ids, args.force)
    print(f'labeled: {len(ids["labeled_ann_ids"])} instances in '
          f'{len(ids["labeled_image_ids"])} images; unlabeled: '
          f'{len(ids["unlabeled_image_ids"])} images')
    print('wrote ' + ', '.join(paths))
    return paths


if __name__ == '__main__':
    main()
