"""Deterministic procedural COCO-format person-keypoint dataset.

Layout written under ``out_dir``::

    images/{labeled,unlabeled,val}/<image_id>.jpg
    annotations/person_keypoints_labeled.json     small labeled set
    annotations/person_keypoints_unlabeled.json   person boxes, no keypoints
    annotations/person_keypoints_val.json         validation set
    annotations/person_keypoints_train_full.json  labeled + unlabeled with
                                                  keypoints (all labels)

Every image is drawn from its own generator seeded by
``(seed, split, index)``, so the output does not depend on the order or the
number of worker processes.
"""
import json
import os
import os.path as osp
from multiprocessing import Pool
from typing import Optional, Tuple

import cv2
import numpy as np

from ..utils.atomic_io import write_json
from .pose_sampler import (COCO_KEYPOINTS, COCO_SKELETON, place_person,
                           sample_local_pose)
from .renderer import (add_noise, draw_background, draw_occluder, draw_person,
                       visibility)

SPLITS = ('labeled', 'unlabeled', 'val')
IMAGE_SIZE = (192, 160)  # (width, height)
MIN_KEYPOINTS = 4
CATEGORY = dict(
    id=1,
    name='person',
    supercategory='person',
    keypoints=list(COCO_KEYPOINTS),
    skeleton=COCO_SKELETON)


def _bbox(person, vis, width, height):
    """Box around the labeled keypoints and the head, padded, clipped."""
    pts = person.keypoints[vis > 0]
    pts = np.concatenate([pts, person.head_center[None]], 0)
    lo, hi = pts.min(0), pts.max(0)
    pad = 0.08 * person.height
    x0, y0 = np.maximum(lo - pad, 0)
    x1, y1 = np.minimum(hi + pad, [width - 1, height - 1])
    return [float(x0), float(y0), float(x1 - x0), float(y1 - y0)]


def render_image(seed: int,
                 split_idx: int,
                 index: int,
                 size: Tuple[int, int] = IMAGE_SIZE) -> tuple:
    """Draw one image and annotate its people.

    Returns:
        tuple: ([H, W, 3] uint8 BGR image, list of (keypoints [K, 3], bbox)).
    """
    rng = np.random.default_rng([seed, split_idx, index])
    width, height = size
    img = draw_background(rng, height, width)
    id_map = np.full((height, width), -2, np.int32)
    people = []
    for pid in range(1 + int(rng.random() < 0.4)):
        h = rng.uniform(0.35, 0.9) * height
        center = rng.uniform([0.1 * width, 0.25 * height],
                             [0.9 * width, 0.75 * height])
        person = place_person(rng, *sample_local_pose(rng), h, center)
        draw_person(rng, img, id_map, person, pid)
        if rng.random() < 0.3:
            draw_occluder(rng, img, id_map, person)
        people.append(person)
    annos = []
    for pid, person in enumerate(people):
        vis = visibility(person, id_map, pid)
        if (vis > 0).sum() < MIN_KEYPOINTS:
            continue
        kpts = np.concatenate([person.keypoints, vis[:, None]], 1)
        kpts[vis == 0] = 0
        annos.append((kpts, _bbox(person, vis, width, height)))
    return add_noise(rng, img), annos


def _render_and_save(job):
    seed, split_idx, index, path = job
    img, annos = render_image(seed, split_idx, index)
    cv2.imwrite(path, img, [cv2.IMWRITE_JPEG_QUALITY, 95])
    return annos


def _coco(images, annotations):
    return dict(
        info=dict(description='mmpose-trs synthetic people'),
        images=images,
        annotations=annotations,
        categories=[CATEGORY])


def _annotation(ann_id, image_id, kpts, bbox, with_keypoints):
    flat = kpts.reshape(-1) if with_keypoints else np.zeros(kpts.size)
    return dict(
        id=ann_id,
        image_id=image_id,
        category_id=1,
        iscrowd=0,
        bbox=[round(v, 2) for v in bbox],
        area=round(bbox[2] * bbox[3], 2),
        keypoints=[round(float(v), 2) for v in flat],
        num_keypoints=int((kpts[:, 2] > 0).sum()) if with_keypoints else 0)


def generate(out_dir: str,
             num_labeled: int = 40,
             num_unlabeled: int = 1200,
             num_val: int = 150,
             seed: int = 0,
             workers: int = 2) -> dict:
    """Write the dataset; returns a dict of per-split image/person counts.

    Args:
        out_dir (str): output root (created).
        num_labeled (int): images in the labeled split. Defaults to 40.
        num_unlabeled (int): images in the unlabeled split. Defaults to 1200.
        num_val (int): images in the validation split. Defaults to 150.
        seed (int): master seed. Defaults to 0.
        workers (int): rendering processes. Defaults to 2.
    """
    sizes = dict(labeled=num_labeled, unlabeled=num_unlabeled, val=num_val)
    for name, n in sizes.items():
        if int(n) < 1:
            raise ValueError(f'num_{name} must be >= 1, got {n}')
    os.makedirs(osp.join(out_dir, 'annotations'), exist_ok=True)
    jobs, image_id = [], 0
    for split_idx, split in enumerate(SPLITS):
        os.makedirs(osp.join(out_dir, 'images', split), exist_ok=True)
        for index in range(sizes[split]):
            image_id += 1
            path = osp.join(out_dir, 'images', split, f'{image_id:08d}.jpg')
            jobs.append((split, image_id, (seed, split_idx, index, path)))
    with Pool(workers) if workers > 1 else _Serial() as pool:
        results = pool.map(
            _render_and_save, [j[2] for j in jobs], chunksize=16)
    counts = _write_annotations(out_dir, jobs, results)
    # written last: its presence means the dataset is complete
    params = dict(
        num_labeled=num_labeled,
        num_unlabeled=num_unlabeled,
        num_val=num_val,
        seed=seed)
    write_json(_marker(out_dir), dict(params=params, counts=counts))
    return counts


ANNOTATION_FILES = ('labeled', 'unlabeled', 'val', 'train_full')


def _marker(out_dir: str) -> str:
    return osp.join(out_dir, 'annotations', 'generation.json')


def has_dataset(out_dir: str) -> bool:
    """Whether ``out_dir`` holds a complete dataset written by
    :func:`generate` (of any size): its marker and every annotation file."""
    return osp.isfile(_marker(out_dir)) and all(
        osp.isfile(
            osp.join(out_dir, 'annotations', f'person_keypoints_{name}.json'))
        for name in ANNOTATION_FILES)


def ensure_dataset(out_dir: str,
                   params: Optional[dict] = None,
                   force: bool = False,
                   workers: int = 2) -> dict:
    """The dataset in ``out_dir``, generated only where none is.

    Args:
        out_dir (str): dataset root.
        params (dict, optional): :func:`generate`'s sizes and seed. None
            accepts any dataset already there (a test's tiny one included)
            and generates the default one where there is none.
        force (bool): regenerate over a dataset made with other ``params``.
        workers (int): rendering processes.

    Returns:
        dict: ``params`` and per-split ``counts`` of the dataset.

    Raises:
        FileExistsError: ``out_dir`` holds a dataset made with other
            ``params`` and ``force`` is False.
    """
    if has_dataset(out_dir):
        with open(_marker(out_dir)) as f:
            previous = json.load(f)
        if params is None or previous.get('params') == params:
            return previous
        if not force:
            raise FileExistsError(
                f'{out_dir} holds a dataset made with {previous["params"]}, '
                f'not {params}; pass --force to replace it or choose another '
                'folder')
    params = params or {}
    generate(out_dir, workers=workers, **params)
    with open(_marker(out_dir)) as f:
        return json.load(f)


def _write_annotations(out_dir, jobs, results):
    tables = {s: ([], []) for s in SPLITS + ('unlabeled_gt', )}
    ann_id = 0
    for (split, image_id, _), annos in zip(jobs, results):
        w, h = IMAGE_SIZE
        image = dict(
            id=image_id,
            width=w,
            height=h,
            file_name=f'{split}/{image_id:08d}.jpg')
        tables[split][0].append(image)
        if split == 'unlabeled':
            tables['unlabeled_gt'][0].append(image)
        for kpts, bbox in annos:
            ann_id += 1
            tables[split][1].append(
                _annotation(ann_id, image_id, kpts, bbox, split
                            != 'unlabeled'))
            if split == 'unlabeled':
                tables['unlabeled_gt'][1].append(
                    _annotation(ann_id, image_id, kpts, bbox, True))
    files = dict(
        labeled=tables['labeled'],
        unlabeled=tables['unlabeled'],
        val=tables['val'],
        train_full=tuple(
            a + b for a, b in zip(tables['labeled'], tables['unlabeled_gt'])))
    for name, (images, annotations) in files.items():
        path = osp.join(out_dir, 'annotations',
                        f'person_keypoints_{name}.json')
        with open(path, 'w') as f:
            json.dump(_coco(images, annotations), f)
    return {
        name: dict(images=len(t[0]), persons=len(t[1]))
        for name, t in files.items()
    }


class _Serial:
    """Stand-in for a process pool when ``workers <= 1``."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn, items, chunksize=None):
        return [fn(i) for i in items]
