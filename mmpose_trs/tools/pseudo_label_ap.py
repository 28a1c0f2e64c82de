"""AP of a pseudo-label file against ground truth held out for the check.

Treats every pseudo-labelled person as a prediction (its ``score`` as the
confidence) and runs COCO's keypoint evaluation against ``--gt``, on the
images of ``--images`` (default: every image of the label file). On the
synthetic set the unlabeled split's labels are in ``train_full``:

    python tools/analysis/pseudo_label_ap.py \\
        work_dirs/benchmark_ab/seed0/pseudopose/pseudo_labels.json \\
        --gt data/synthetic/annotations/person_keypoints_train_full.json \\
        --images data/synthetic/annotations/person_keypoints_unlabeled.json
"""
import argparse
import json
from typing import List, Optional

from mmpose_trs.apis.label_quality import label_ap


def main(argv: Optional[List[str]] = None) -> dict:
    p = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__)
    p.add_argument('labels', help='COCO keypoint file to score')
    p.add_argument('--gt', required=True, help='COCO file with the truth')
    p.add_argument(
        '--images',
        help='COCO file whose images are scored (default: all '
        'images of the label file)')
    args = p.parse_args(argv)
    ids = None
    if args.images:
        with open(args.images) as f:
            ids = [im['id'] for im in json.load(f)['images']]
    result = label_ap(args.gt, args.labels, ids)
    print(json.dumps(dict(labels=args.labels, **result)))
    return result


if __name__ == '__main__':
    main()
