"""A data tree made from the real samples, laid out as docs/reproduce.md tells
users to lay out COCO, MPII, AI Challenger and WILD, with the split files
made by tools/split_coco.py, so that every config under configs/ can build its
dataloaders on it."""
import json
import os
import os.path as osp
import shutil

import numpy as np
from conftest import REAL_SAMPLES

from mmpose_trs.tools import split_coco


def _link_images(src_dir: str, dst_dir: str) -> None:
    os.makedirs(dst_dir, exist_ok=True)
    for name in os.listdir(src_dir):
        if name.endswith('.jpg'):
            os.symlink(osp.join(src_dir, name), osp.join(dst_dir, name))


def _copy(src: str, dst: str) -> None:
    os.makedirs(osp.dirname(dst), exist_ok=True)
    shutil.copy(src, dst)


def _coco(data: str) -> None:
    src = osp.join(REAL_SAMPLES, 'coco')
    coco, ann = osp.join(data, 'coco'), osp.join(data, 'coco', 'annotations')
    for d in ('train2017', 'val2017', 'unlabeled2017'):
        _link_images(src, osp.join(coco, d))
    for split in ('train2017', 'val2017'):
        _copy(
            osp.join(src, 'test_coco.json'),
            osp.join(ann, f'person_keypoints_{split}.json'))
    train = osp.join(ann, 'person_keypoints_train2017.json')
    for name, num in (('coco_1k', 3), ('coco_5k', 4), ('coco_10k', 5)):
        split_coco.main([
            train,
            osp.join(ann, 'splits'), '--protocol', 'xie', '--num',
            str(num), '--name', name
        ])
    images = json.load(open(train))
    _pseudo_label_files(images, osp.join(ann, 'splits'))
    # WILD: an image list and person detections (tools/detect_persons.py)
    with open(osp.join(ann, 'wild_images.json'), 'w') as f:
        json.dump(
            dict(images=images['images'], categories=images['categories']), f)
    _copy(
        osp.join(src, 'test_coco_det_AP_H_56.json'),
        osp.join(ann, 'wild_person_dets.json'))
    _copy(
        osp.join(src, 'test_coco_det_AP_H_56.json'),
        osp.join(coco, 'person_detection_results',
                 'COCO_val2017_detections_AP_H_56_person.json'))


def _pseudo_label_files(train: dict, splits: str) -> None:
    """Stage 1 of PseudoPose / DataDistill as tools/pseudo_label.py
    --merge-with writes it: the labeled split, then 'pseudo-labels' (the
    real keypoints stand in for a model's) of the other boxes."""
    import copy

    from mmpose_trs.apis.pseudo_label import merge_with_labeled
    pseudo = dict(
        info={},
        images=train['images'],
        annotations=[a for a in train['annotations'] if a['num_keypoints']],
        categories=train['categories'])
    for name in ('coco_1k', 'coco_5k', 'coco_10k'):
        labeled = json.load(open(osp.join(splits, f'{name}_labeled.json')))
        for method in ('pseudopose', 'datadistill'):
            merged = merge_with_labeled(copy.deepcopy(pseudo), labeled)
            with open(osp.join(splits, f'{name}_{method}.json'), 'w') as f:
                json.dump(merged, f)


def _mpii(data: str) -> None:
    from scipy.io import savemat
    src = osp.join(REAL_SAMPLES, 'mpii')
    mpii, ann = osp.join(data, 'mpii'), osp.join(data, 'mpii', 'annotations')
    _link_images(src, osp.join(mpii, 'images'))
    for name in ('mpii_train.json', 'mpii_val.json'):
        _copy(osp.join(src, 'test_mpii.json'), osp.join(ann, name))
    n = len(json.load(open(osp.join(src, 'test_mpii.json'))))
    # head boxes [2, 2, N] (x1y1, x2y2) for PCKh: a 40-px box per sample
    boxes = np.tile(np.array([[0., 0.], [40., 40.]])[..., None], (1, 1, n))
    savemat(osp.join(ann, 'mpii_gt_val.mat'), dict(headboxes_src=boxes))
    train = osp.join(ann, 'mpii_train.json')
    for name, lab, unl in (('mpii_10k', 3, 0), ('mpii_1k', 2, 3)):
        split_coco.main([
            train,
            osp.join(ann, 'splits'), '--format', 'mpii', '--num',
            str(lab), '--num-unlabeled',
            str(unl), '--name', name, '--img-dir', src
        ])


def _aic(data: str) -> None:
    src = osp.join(REAL_SAMPLES, 'aic')
    aic = osp.join(data, 'aic')
    _link_images(
        src,
        osp.join(aic, 'ai_challenger_keypoint_train_20170902',
                 'keypoint_train_images_20170902'))
    train = osp.join(aic, 'annotations', 'aic_train.json')
    _copy(osp.join(src, 'test_aic.json'), train)
    split_coco.main([
        train,
        osp.join(aic, 'annotations', 'splits'), '--protocol', 'unlabeled',
        '--num', '5', '--name', 'aic_100k'
    ])


def make_data_tree(root: str) -> str:
    """Write ``root/data/{coco,mpii,aic}`` and return ``root``."""
    data = osp.join(root, 'data')
    _coco(data)
    _mpii(data)
    _aic(data)
    return root
