"""Detect persons in a folder of unlabeled images with an MMDetection model
and write boxes for ``UnlabeledPersonDataset`` (ann_file + det_file).

Example:
    python tools/detect_persons.py data/coco/unlabeled2017 \
        DET_CONFIG DET_CHECKPOINT --out-dir data/coco/annotations \
        --name wild --score-thr 0.5
Then in a config:
    dict(type='UnlabeledPersonDataset',
         ann_file='annotations/wild_images.json',
         det_file='annotations/wild_person_dets.json', score_thr=0.5,
         data_prefix=dict(img='unlabeled2017/'), ...)
"""
import argparse
from typing import List, Optional

from mmengine.config import DictAction

from mmpose_trs.apis.detect import (build_detector, detect_persons,
                                    write_detections)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('img_dir')
    p.add_argument('det_config', help='MMDetection config')
    p.add_argument(
        'det_checkpoint',
        nargs='?',
        default=None,
        help='its weights (random weights if omitted: tests only)')
    p.add_argument('--out-dir', required=True)
    p.add_argument('--name', default='unlabeled')
    p.add_argument('--score-thr', type=float, default=0.3)
    p.add_argument('--device', default='cpu')
    p.add_argument('--force', action='store_true')
    p.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override detector config entries, key=value')
    return p.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> list:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    model = build_detector(args.det_config, args.det_checkpoint, args.device,
                           args.cfg_options)
    images, dets = detect_persons(model, args.img_dir, args.score_thr)
    paths = write_detections(images, dets, args.out_dir, args.name, args.force)
    print(f'{len(dets)} persons in {len(images)} images; wrote ' +
          ', '.join(paths))
    return paths


if __name__ == '__main__':
    main()
