"""Write a TRS (or Dual networks) config on top of an existing MMPose
top-down config: heatmap, SimCC/RTMPose or regression/RLE head
(:mod:`mmpose_trs.apis.config_writer`; installed as ``mmpose-trs-config``).

Example::

    mmpose-trs-config \\
        mmpose::body_2d_keypoint/topdown_heatmap/coco/\\
td-hm_hrnet-w32_udp-8xb64-210e_coco-256x192.py \\
        --labeled-ann annotations/coco_1k_labeled.json \\
        --unlabeled-ann annotations/coco_1k_unlabeled.json \\
        -o configs/my/trs_hrnet-w32-udp_coco-1k.py

    # unlabeled crops from videos, two frames per second, full frames
    mmpose-trs-config MY_CONFIG.py --labeled-ann annotations/train.json \
        --unlabeled-videos videos/ --fps 2 -o trs_videos.py
"""
import argparse
import sys
from typing import List, Optional

from mmpose_trs.apis.config_writer import METHODS, config_changes, write_config


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='your MMPose top-down config')
    parser.add_argument('--labeled-ann', required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        '--unlabeled-ann',
        help='COCO-style json: person boxes, or the image '
        'list of --det-file')
    source.add_argument(
        '--unlabeled-dir',
        help='a folder of unlabeled images (searched '
        'recursively): each a full-frame box, or the boxes of --det-file')
    source.add_argument(
        '--unlabeled-videos',
        help='a folder of videos (searched recursively): '
        'frames by --frame-stride or --fps, each a full-frame box or the '
        'boxes of --det-file')
    parser.add_argument(
        '--det-file',
        help='person detections: MMPose bbox-file format '
        'with --unlabeled-ann, tools/detect_persons.py records with a '
        'folder')
    parser.add_argument('--frame-stride', type=int, help='every n-th frame')
    parser.add_argument(
        '--fps', type=float, help='frames per second of '
        'video time')
    parser.add_argument(
        '--unlabeled-root',
        help='data_root of the unlabeled '
        'set (default: the labeled one)')
    parser.add_argument('--unlabeled-img-prefix')
    parser.add_argument('--method', choices=METHODS, default='trs')
    parser.add_argument('-o', '--out', required=True)
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    try:
        write_config(
            args.config,
            args.out,
            args.labeled_ann,
            args.unlabeled_ann,
            method=args.method,
            det_file=args.det_file,
            unlabeled_root=args.unlabeled_root,
            unlabeled_img_prefix=args.unlabeled_img_prefix,
            unlabeled_dir=args.unlabeled_dir,
            unlabeled_videos=args.unlabeled_videos,
            frame_stride=args.frame_stride,
            fps=args.fps)
    except (FileExistsError, ValueError) as e:
        sys.exit(str(e))
    print(f'wrote {args.out}; changed from {args.config}:')
    for line in config_changes(args.config, args.method):
        print(f'  - {line}')


if __name__ == '__main__':
    main()
