"""Detect persons (or any class of the detector) in a folder of images or
videos with an MMDetection model, for the unlabeled sources.

It writes ``<out-dir>/<name>_records.jsonl`` as it goes, one line per image
or frame, so that running the same command again after an interruption
continues where it stopped (``--force`` starts over); unreadable images,
frames and videos are listed at the end instead of stopping the run. For an
image folder it also writes the COCO-style pair ``UnlabeledPersonDataset``
reads (``<name>_images.json`` + ``<name>_person_dets.json``), derived from
the records and rewritten at the end of every run.

Example:
    python tools/detect_persons.py data/coco/unlabeled2017 \
        DET_CONFIG DET_CHECKPOINT --out-dir data/coco/annotations \
        --name wild --score-thr 0.5
    # frames of videos, 2 per second, records only
    python tools/detect_persons.py data/clips DET_CONFIG DET_CHECKPOINT \
        --videos --fps 2 --out-dir data/clips --name clips
Then in a config:
    dict(type='UnlabeledPersonDataset',
         ann_file='annotations/wild_images.json',
         det_file='annotations/wild_person_dets.json', score_thr=0.5,
         data_prefix=dict(img='unlabeled2017/'), ...)
    dict(type='UnlabeledVideoFrames', data_prefix=dict(img='clips/'),
         fps=2, det_file='clips_records.jsonl', ...)
"""
import argparse
import os
import os.path as osp
from typing import List, Optional

from mmengine.config import DictAction

from mmpose_trs.apis.detect import (build_detector, detect_media,
                                    records_to_coco, write_detections)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('img_dir', help='folder of images (or of videos)')
    p.add_argument('det_config', help='MMDetection config')
    p.add_argument(
        'det_checkpoint',
        nargs='?',
        default=None,
        help='its weights (random weights if omitted: tests only)')
    p.add_argument('--out-dir', required=True)
    p.add_argument('--name', default='unlabeled')
    p.add_argument(
        '--videos',
        action='store_true',
        help='the folder holds '
        'videos: detect in their frames')
    p.add_argument('--frame-stride', type=int, help='every n-th frame')
    p.add_argument('--fps', type=float, help='frames per second of video')
    p.add_argument(
        '--category',
        default='person',
        help='the detector class to keep, by name or index (e.g. dog)')
    p.add_argument('--score-thr', type=float, default=0.3)
    p.add_argument('--batch-size', type=int, default=8)
    p.add_argument('--device', default='cpu')
    p.add_argument(
        '--force',
        action='store_true',
        help='start over: delete the records first')
    p.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override detector config entries, key=value')
    return p.parse_args(argv)


def _report(result: dict, records_file: str, kind: str) -> None:
    boxes = sum(len(r.get('boxes', [])) for r in result['records'].values())
    print(f'{boxes} boxes in {len(result["records"])} {kind} '
          f'({result["done_before"]} done before, {result["new"]} now, '
          f'{result["seconds"]:.1f} s); records: {records_file}')
    if result['unreadable']:
        print(f'{len(result["unreadable"])} unreadable:')
        for name, frame, why in result['unreadable']:
            where = name if frame is None else f'{name} frame {frame}'
            print(f'  {where}: {why}')


def main(argv: Optional[List[str]] = None) -> dict:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    records_file = osp.join(args.out_dir, f'{args.name}_records.jsonl')
    if args.force and osp.exists(records_file):
        os.remove(records_file)
    model = build_detector(args.det_config, args.det_checkpoint, args.device,
                           args.cfg_options)
    result = detect_media(model, args.img_dir, records_file, args.videos,
                          args.frame_stride, args.fps, args.category,
                          args.score_thr, args.batch_size)
    _report(result, records_file, 'frames' if args.videos else 'images')
    result['records_file'] = records_file
    if not any(r.get('boxes') for r in result['records'].values()):
        raise ValueError(f'no {args.category} detected with score >= '
                         f'{args.score_thr} in {len(result["records"])} '
                         f'items of {args.img_dir} (records: {records_file})')
    if not args.videos:
        images, dets = records_to_coco(result['records'])
        # derived from the records: rewritten (atomically) on every run
        result['coco'] = write_detections(
            images, dets, args.out_dir, args.name, force=True)
        print('wrote ' + ', '.join(result['coco']))
    return result


if __name__ == '__main__':
    main()
