"""Write the docs' pictures.

Examples:
    # Keypoint-Mix on real COCO images, chosen keypoints marked
    python tools/visualize.py keypoint-mix \
        --ann tests/data/real_samples/coco/test_coco.json \
        --img-dir tests/data/real_samples/coco \
        --out docs/images/keypoint_mix_coco.png
    # heatmaps of teacher f, reviewer_f and student g on one crop, and of
    # each MFL level of f
    python tools/visualize.py heatmaps CONFIG CKPT --image IMG --bbox X Y W H \
        --out docs/images/heatmaps.png
"""
import argparse
import os
import os.path as osp

import cv2


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest='cmd', required=True)
    km = sub.add_parser('keypoint-mix')
    km.add_argument('--ann', required=True, help='COCO keypoints json')
    km.add_argument('--img-dir', required=True)
    km.add_argument('--out', required=True, help='PNG to write')
    km.add_argument('--k', type=int, default=5)
    km.add_argument('--patch-size', type=int, default=24)
    km.add_argument('--seed', type=int, default=0)
    hm = sub.add_parser('heatmaps')
    hm.add_argument('config')
    hm.add_argument('checkpoint')
    hm.add_argument('--image', required=True)
    hm.add_argument(
        '--bbox',
        type=float,
        nargs=4,
        required=True,
        metavar=('X', 'Y', 'W', 'H'))
    hm.add_argument('--out', required=True, help='PNG to write')
    return p.parse_args(argv)


def heatmaps(args):
    import numpy as np
    from mmengine.dataset import Compose, pseudo_collate
    from pictures import network_heatmap_panels

    from mmpose.apis import init_model
    model = init_model(
        args.config, args.checkpoint, device='cpu', cfg_options={})
    x, y, w, h = args.bbox
    pipeline = Compose(model.cfg.test_dataloader.dataset.pipeline)
    sample = pipeline(
        dict(
            img_path=args.image,
            bbox=np.array([[x, y, x + w, y + h]], np.float32),
            bbox_score=np.ones(1)))
    data = model.data_preprocessor(pseudo_collate([sample]), False)
    crop = sample['inputs'].permute(1, 2, 0).numpy().copy()
    return network_heatmap_panels(
        model,
        data['inputs'],
        crop,
        titles=['teacher f', 'reviewer_f', 'student g'])


def main(argv=None):
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    args = parse_args(argv)
    if args.cmd == 'keypoint-mix':
        from pictures import keypoint_mix_panels
        picture = keypoint_mix_panels(args.ann, args.img_dir, args.k,
                                      args.patch_size, args.seed)
    else:
        picture = heatmaps(args)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    if not cv2.imwrite(args.out, picture):
        raise OSError(f'could not write {args.out}')
    print(f'wrote {args.out} ({picture.shape[1]}x{picture.shape[0]})')
    return picture


if __name__ == '__main__':
    main()
