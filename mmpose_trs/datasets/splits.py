"""Labeled/unlabeled splits of a COCO person-keypoints json.

Two protocols, both written with explicit id lists so a split is portable
without seeds:

- ``'xie'`` (Xie et al.'s public code, ``lib/dataset/coco.py``): the first
  ``N`` valid person instances are labeled, iterating the ``images`` list in
  file order and each image's annotations in file order (crowd, zero-area,
  out-of-image and zero-keypoint instances are dropped); the unlabeled pool is
  every valid instance (149,813 in COCO train2017, labeled ones included)
  with its ground-truth box.
- ``'random'``: a seeded random choice of ``N`` images (or a ``fraction`` of
  them) among those with a valid instance is labeled; the other images are
  unlabeled (disjoint).
- ``'unlabeled'``: nothing labeled; a seeded random choice of ``N`` person
  boxes is unlabeled (e.g. AI Challenger 100K for the MPII table).

MPII's own json format (a list of samples) is split by :func:`split_mpii`.
"""
import hashlib
import json
import os.path as osp
import random
from typing import Dict, List, Optional

from ..utils.atomic_io import write_new_json_files
from .instance_filter import is_valid_instance

#: recorded in the ids file of an xie split: which rule chose it
XIE_RULE = 'xie: images order, valid instances (area, box, keypoints)'


def valid_instances(data: dict) -> List[dict]:
    """Valid person instances in Xie et al.'s order: the ``images`` list in
    file order and, per image, its annotations in file order."""
    per_image: Dict[int, List[dict]] = {}
    for ann in data['annotations']:
        per_image.setdefault(ann['image_id'], []).append(ann)
    return [
        ann for img in data['images'] for ann in per_image.get(img['id'], [])
        if is_valid_instance(ann, img)
    ]


def _strip_keypoints(ann: dict) -> dict:
    out = dict(ann)
    out['keypoints'] = [0] * len(ann.get('keypoints', []))
    out['num_keypoints'] = 0
    return out


def _xie(data, valid, num, fraction, seed) -> dict:
    """First ``num`` valid instances (image-major order) labeled; every
    valid instance (labeled ones included, ground-truth boxes) unlabeled."""
    if num is None or num < 1:
        raise ValueError("protocol 'xie' needs num >= 1 instances")
    if num > len(valid):
        raise ValueError(f'asked for {num} labeled instances but the file '
                         f'has only {len(valid)} valid person instances')
    return dict(
        rule=XIE_RULE,
        labeled_ann_ids=sorted(a['id'] for a in valid[:num]),
        labeled_image_ids=sorted({a['image_id']
                                  for a in valid[:num]}),
        unlabeled_ann_ids=sorted(a['id'] for a in valid),
        unlabeled_image_ids=sorted({a['image_id']
                                    for a in valid}))


def _random(data, valid, num, fraction, seed) -> dict:
    candidates = sorted({a['image_id'] for a in valid})
    if (num is None) == (fraction is None):
        raise ValueError("protocol 'random' needs exactly one of num and "
                         'fraction')
    if fraction is not None:
        if not 0 < fraction <= 1:
            raise ValueError(f'fraction must be in (0, 1], got {fraction}')
        num = max(1, round(fraction * len(candidates)))
    if num < 1 or num > len(candidates):
        raise ValueError(f'asked for {num} labeled images but the file has '
                         f'{len(candidates)} images with a valid person')
    chosen = set(random.Random(seed).sample(candidates, num))
    return dict(
        num=num,
        labeled_ann_ids=sorted(a['id'] for a in valid
                               if a['image_id'] in chosen),
        labeled_image_ids=sorted(chosen),
        unlabeled_image_ids=sorted(i['id'] for i in data['images']
                                   if i['id'] not in chosen))


def _unlabeled(data, valid, num, fraction, seed) -> dict:
    boxes = [
        a for a in data['annotations'] if not a.get('iscrowd', 0)
        and min(a.get('bbox', [0, 0, 0, 0])[2:4]) > 0
    ]
    if num is None or not 1 <= num <= len(boxes):
        raise ValueError(f'asked for {num} unlabeled boxes; the file has '
                         f'{len(boxes)} person boxes')
    chosen = random.Random(seed).sample(boxes, num)
    return dict(
        labeled_ann_ids=[],
        labeled_image_ids=[],
        unlabeled_ann_ids=sorted(a['id'] for a in chosen),
        unlabeled_image_ids=sorted({a['image_id']
                                    for a in chosen}))


PROTOCOLS = dict(xie=_xie, random=_random, unlabeled=_unlabeled)


def choose_split(data: dict,
                 protocol: str,
                 num: Optional[int] = None,
                 fraction: Optional[float] = None,
                 seed: int = 0) -> dict:
    """The ids of a split (no file I/O).

    Returns:
        dict: ``labeled_ann_ids``, ``labeled_image_ids``,
        ``unlabeled_image_ids`` (sorted lists; ``'unlabeled'`` adds
        ``unlabeled_ann_ids``) plus the protocol parameters.
    """
    if protocol not in PROTOCOLS:
        raise ValueError(f'protocol must be one of {tuple(PROTOCOLS)}, got '
                         f'{protocol!r}')
    valid = valid_instances(data)
    ids = dict(protocol=protocol, num=num, fraction=fraction, seed=seed)
    ids.update(PROTOCOLS[protocol](data, valid, num, fraction, seed))
    return ids


def apply_split(data: dict, ids: dict) -> Dict[str, dict]:
    """Labeled and unlabeled COCO dicts from explicit ids (unlabeled
    annotations keep their boxes, keypoints zeroed)."""
    lab_ann = set(ids['labeled_ann_ids'])
    lab_img = set(ids['labeled_image_ids'])
    unl_img = set(ids['unlabeled_image_ids'])
    missing = (lab_ann -
               {a['id']
                for a in data['annotations']}) | (
                    (lab_img | unl_img) - {i['id']
                                           for i in data['images']})
    if missing:
        raise KeyError(f'{len(missing)} ids of the split are not in the '
                       f'annotation file, e.g. {sorted(missing)[:5]}')
    base = {
        k: v
        for k, v in data.items() if k not in ('images', 'annotations')
    }
    labeled = dict(
        base,
        images=[i for i in data['images'] if i['id'] in lab_img],
        annotations=[a for a in data['annotations'] if a['id'] in lab_ann])
    keep = set(ids['unlabeled_ann_ids']) if 'unlabeled_ann_ids' in ids \
        else None
    unlabeled = dict(
        base,
        images=[i for i in data['images'] if i['id'] in unl_img],
        annotations=[
            _strip_keypoints(a) for a in data['annotations']
            if a['image_id'] in unl_img and (keep is None or a['id'] in keep)
        ])
    return dict(labeled=labeled, unlabeled=unlabeled)


def write_split(ann_file: str,
                out_dir: str,
                name: str,
                ids: dict,
                force: bool = False) -> List[str]:
    """Write ``<name>_labeled.json``, ``<name>_unlabeled.json`` and
    ``<name>_ids.json`` into ``out_dir``. Refuses to overwrite unless
    ``force``; every file is written to a temporary name first and renamed,
    so an interrupted run leaves no half-written split."""
    with open(ann_file, 'rb') as f:
        raw = f.read()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ValueError(f'{ann_file} is not valid json: {e}') from None
    for key in ('images', 'annotations'):
        if key not in data:
            raise KeyError(f'{ann_file} has no "{key}" list')
    parts = apply_split(data, ids)
    ids = dict(
        ids,
        source=osp.basename(ann_file),
        source_sha256=hashlib.sha256(raw).hexdigest())
    return write_json_files(
        dict(labeled=parts['labeled'], unlabeled=parts['unlabeled'], ids=ids),
        out_dir, name, force)


def mpii_box(sample: dict) -> list:
    """xywh box of an MPII sample, as MMPose's ``MpiiDataset`` derives it
    from ``center``/``scale`` (scale x 200 pixels, centre moved 15 px down,
    1-based to 0-based)."""
    size = float(sample['scale']) * 200.
    cx = float(sample['center'][0]) - 1.
    cy = float(sample['center'][1]) + 15. / 200. * size - 1.
    return [cx - size / 2, cy - size / 2, size, size]


def image_sizes(names: List[str], img_dir: str) -> Dict[str, tuple]:
    """(width, height) of each image under ``img_dir``, from its header."""
    from PIL import Image
    sizes = {}
    for name in names:
        path = osp.join(img_dir, name)
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'{path} does not exist: the unlabeled MPII images need their '
                'sizes (--img-dir is the folder of the MPII images)')
        with Image.open(path) as img:
            sizes[name] = img.size
    return sizes


def split_mpii(samples: list,
               num_labeled: int,
               num_unlabeled: int,
               seed: int = 0,
               num_keypoints: int = 16,
               img_dir: Optional[str] = None) -> Dict[str, object]:
    """Seeded disjoint choice of labeled and unlabeled MPII samples.

    MPII's json has no image sizes, which the unlabeled COCO-style file needs
    (``UnlabeledPersonDataset`` clips boxes to the image): they are read from
    the images in ``img_dir``, required when ``num_unlabeled > 0``.

    Returns:
        dict: ``labeled`` (MPII-format list), ``unlabeled`` (COCO-style dict of
        person boxes for ``UnlabeledPersonDataset``) and ``ids`` (the sample
        indices of each part).
    """
    if num_labeled < 1 or num_unlabeled < 0:
        raise ValueError('need num_labeled >= 1 and num_unlabeled >= 0')
    if num_labeled + num_unlabeled > len(samples):
        raise ValueError(f'asked for {num_labeled} + {num_unlabeled} samples '
                         f'but the file has {len(samples)}')
    order = random.Random(seed).sample(
        range(len(samples)), num_labeled + num_unlabeled)
    lab, unl = sorted(order[:num_labeled]), sorted(order[num_labeled:])
    names = sorted({samples[i]['image'] for i in unl})
    if names and img_dir is None:
        raise ValueError('unlabeled MPII samples need img_dir (--img-dir), '
                         'the folder of the MPII images, for their sizes')
    size = image_sizes(names, img_dir) if names else {}
    image_id = {n: k for k, n in enumerate(names, 1)}
    unlabeled = dict(
        images=[
            dict(
                id=image_id[n],
                file_name=n,
                width=size[n][0],
                height=size[n][1]) for n in names
        ],
        annotations=[
            dict(
                id=i + 1,
                image_id=image_id[samples[i]['image']],
                category_id=1,
                iscrowd=0,
                bbox=mpii_box(samples[i]),
                area=mpii_box(samples[i])[2]**2,
                keypoints=[0] * (3 * num_keypoints),
                num_keypoints=0) for i in unl
        ],
        categories=[dict(id=1, name='person')])
    return dict(
        labeled=[samples[i] for i in lab],
        unlabeled=unlabeled,
        ids=dict(
            protocol='mpii',
            seed=seed,
            labeled_indices=lab,
            unlabeled_indices=unl))


def write_json_files(contents: Dict[str, object],
                     out_dir: str,
                     name: str,
                     force: bool = False) -> List[str]:
    """Write ``<name>_<key>.json`` for each entry, atomically, refusing to
    overwrite unless ``force``."""
    paths = {
        osp.join(out_dir, f'{name}_{k}.json'): v
        for k, v in contents.items()
    }
    return write_new_json_files(
        paths, force, hint='pass force=True (--force) to replace the split')
