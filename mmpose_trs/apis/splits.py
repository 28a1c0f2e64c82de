"""Labeled/unlabeled splits of a COCO person-keypoints json.

Two protocols, both written with explicit id lists so a split is portable
without seeds:

- ``'xie'`` (Xie et al.'s public code): the first ``N`` valid person instances
  in file order are labeled (crowd, zero-area and zero-keypoint instances are
  dropped); all of the file's images are unlabeled (ground-truth boxes).
- ``'random'``: a seeded random choice of ``N`` images (or a ``fraction`` of
  them) among those with a valid instance is labeled; the other images are
  unlabeled (disjoint).
"""
import hashlib
import json
import os
import os.path as osp
import random
from typing import Dict, List, Optional


def is_valid_instance(ann: dict) -> bool:
    """Not crowd, positive area and box, at least one labeled keypoint."""
    w, h = ann.get('bbox', [0, 0, 0, 0])[2:4]
    return (not ann.get('iscrowd', 0) and ann.get('area', w * h) > 0
            and w > 0 and h > 0 and ann.get('num_keypoints', 0) > 0)


def _strip_keypoints(ann: dict) -> dict:
    out = dict(ann)
    out['keypoints'] = [0] * len(ann.get('keypoints', []))
    out['num_keypoints'] = 0
    return out


def choose_split(data: dict, protocol: str, num: Optional[int] = None,
                 fraction: Optional[float] = None, seed: int = 0) -> dict:
    """The ids of a split (no file I/O).

    Returns:
        dict: ``labeled_ann_ids``, ``labeled_image_ids``,
        ``unlabeled_image_ids`` (sorted lists) plus the protocol parameters.
    """
    valid = [a for a in data['annotations'] if is_valid_instance(a)]
    if protocol == 'xie':
        if num is None or num < 1:
            raise ValueError("protocol 'xie' needs num >= 1 instances")
        if num > len(valid):
            raise ValueError(f'asked for {num} labeled instances but the file '
                             f'has only {len(valid)} valid person instances')
        lab_anns = valid[:num]
        lab_imgs = sorted({a['image_id'] for a in lab_anns})
        unl_imgs = sorted(i['id'] for i in data['images'])
    elif protocol == 'random':
        candidates = sorted({a['image_id'] for a in valid})
        if (num is None) == (fraction is None):
            raise ValueError("protocol 'random' needs exactly one of num "
                             'and fraction')
        if fraction is not None:
            if not 0 < fraction <= 1:
                raise ValueError(f'fraction must be in (0, 1], got {fraction}')
            num = max(1, round(fraction * len(candidates)))
        if num < 1 or num > len(candidates):
            raise ValueError(f'asked for {num} labeled images but the file has '
                             f'{len(candidates)} images with a valid person')
        lab_imgs = sorted(random.Random(seed).sample(candidates, num))
        chosen = set(lab_imgs)
        lab_anns = [a for a in valid if a['image_id'] in chosen]
        unl_imgs = sorted(i['id'] for i in data['images']
                          if i['id'] not in chosen)
    else:
        raise ValueError(f"protocol must be 'xie' or 'random', got "
                         f'{protocol!r}')
    return dict(protocol=protocol, num=num, fraction=fraction, seed=seed,
                labeled_ann_ids=sorted(a['id'] for a in lab_anns),
                labeled_image_ids=lab_imgs, unlabeled_image_ids=unl_imgs)


def apply_split(data: dict, ids: dict) -> Dict[str, dict]:
    """Labeled and unlabeled COCO dicts from explicit ids (unlabeled
    annotations keep their boxes, keypoints zeroed)."""
    lab_ann = set(ids['labeled_ann_ids'])
    lab_img = set(ids['labeled_image_ids'])
    unl_img = set(ids['unlabeled_image_ids'])
    missing = (lab_ann - {a['id'] for a in data['annotations']}) | (
        (lab_img | unl_img) - {i['id'] for i in data['images']})
    if missing:
        raise KeyError(f'{len(missing)} ids of the split are not in the '
                       f'annotation file, e.g. {sorted(missing)[:5]}')
    base = {k: v for k, v in data.items() if k not in ('images',
                                                       'annotations')}
    labeled = dict(base, images=[i for i in data['images']
                                 if i['id'] in lab_img],
                   annotations=[a for a in data['annotations']
                                if a['id'] in lab_ann])
    unlabeled = dict(base, images=[i for i in data['images']
                                   if i['id'] in unl_img],
                     annotations=[_strip_keypoints(a)
                                  for a in data['annotations']
                                  if a['image_id'] in unl_img])
    return dict(labeled=labeled, unlabeled=unlabeled)


def write_split(ann_file: str, out_dir: str, name: str, ids: dict,
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
    ids = dict(ids, source=osp.basename(ann_file),
               source_sha256=hashlib.sha256(raw).hexdigest())
    outputs = {osp.join(out_dir, f'{name}_{k}.json'): v for k, v in
               (('labeled', parts['labeled']),
                ('unlabeled', parts['unlabeled']), ('ids', ids))}
    existing = [p for p in outputs if osp.exists(p)]
    if existing and not force:
        raise FileExistsError(f'{existing[0]} exists; pass force=True '
                              '(--force) to replace the split')
    os.makedirs(out_dir, exist_ok=True)
    for path, content in outputs.items():
        with open(path + '.tmp', 'w') as f:
            json.dump(content, f)
        os.replace(path + '.tmp', path)
    return list(outputs)
