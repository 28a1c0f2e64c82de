"""Write the embedded synthetic COCO-format person-keypoint dataset.

Example:
    python tools/make_synthetic_coco.py data/synthetic --seed 0
"""
import argparse
import json
import os.path as osp
import time

from mmpose_trs.synthetic import generate


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('out_dir', nargs='?', default='data/synthetic')
    p.add_argument('--num-labeled', type=int, default=40,
                   help='images in the labeled split')
    p.add_argument('--num-unlabeled', type=int, default=1200,
                   help='images in the unlabeled split')
    p.add_argument('--num-val', type=int, default=150,
                   help='images in the validation split')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--force', action='store_true',
                   help='write even if out_dir already holds a dataset')
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    marker = osp.join(args.out_dir, 'annotations', 'generation.json')
    params = dict(num_labeled=args.num_labeled,
                  num_unlabeled=args.num_unlabeled, num_val=args.num_val,
                  seed=args.seed)
    if osp.isfile(marker) and not args.force:
        with open(marker) as f:
            previous = json.load(f)
        if previous.get('params') == params:
            print(f'{args.out_dir} already holds this dataset: {previous}')
            return previous['counts']
        raise SystemExit(f'{args.out_dir} holds a dataset made with '
                         f'{previous.get("params")}; pass --force to replace '
                         'it or choose another out_dir')
    t0 = time.time()
    counts = generate(args.out_dir, workers=args.workers, **params)
    with open(marker, 'w') as f:
        json.dump(dict(params=params, counts=counts), f)
    print(f'wrote {args.out_dir} in {time.time() - t0:.1f}s: {counts}')
    return counts


if __name__ == '__main__':
    main()
