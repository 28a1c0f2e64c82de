"""Write the embedded synthetic COCO-format person-keypoint dataset.

Does nothing when the folder already holds the dataset of these parameters;
refuses (without writing) when it holds one made with others, unless
``--force``.

Example:
    python tools/make_synthetic_coco.py data/synthetic --seed 0
"""
import argparse
import time
from typing import List, Optional

from mmpose_trs.synthetic import ensure_dataset


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('out_dir', nargs='?', default='data/synthetic')
    p.add_argument(
        '--num-labeled',
        type=int,
        default=40,
        help='images in the labeled split')
    p.add_argument(
        '--num-unlabeled',
        type=int,
        default=1200,
        help='images in the unlabeled split')
    p.add_argument(
        '--num-val',
        type=int,
        default=150,
        help='images in the validation split')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument(
        '--force',
        action='store_true',
        help='write even if out_dir holds a dataset made with '
        'other parameters')
    return p.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> dict:
    args = parse_args(argv)
    params = dict(
        num_labeled=args.num_labeled,
        num_unlabeled=args.num_unlabeled,
        num_val=args.num_val,
        seed=args.seed)
    t0 = time.time()
    try:
        dataset = ensure_dataset(
            args.out_dir, params, force=args.force, workers=args.workers)
    except FileExistsError as e:
        raise SystemExit(str(e))
    print(f'{args.out_dir} ({time.time() - t0:.1f}s): {dataset["counts"]}')
    return dataset['counts']


if __name__ == '__main__':
    main()
