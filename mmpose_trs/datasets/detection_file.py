"""A detection file (MMPose's bbox-file format) over a COCO image list,
read into one array per field: the person boxes an
:class:`~.UnlabeledPersonDataset` keeps, without a Python object per box
beyond the parsed json."""
import json
import os.path as osp
import re
from typing import Dict, Iterable, Iterator, Tuple

import numpy as np
from mmengine.fileio import load

from ..safety.annotation_errors import reading_annotations

#: the keys every detection needs
DETECTION_KEYS = ('image_id', 'bbox', 'score')

#: detections converted to arrays this many at a time (bounded memory)
CHUNK = 65536
_SPACE = re.compile(r'\s*')


def iter_json_list(path: str) -> Iterator:
    """The elements of a json file holding one list, decoded one at a time
    (a million detections never exist as Python objects at once).

    Raises:
        TypeError: the file does not hold a list.
        ValueError: malformed json (with the character position).
    """
    with open(path) as f:
        text = f.read()
    decoder = json.JSONDecoder()
    pos = _SPACE.match(text, 0).end()
    if not text.startswith('[', pos):
        raise TypeError(f'{path}: expected a list of detections, got '
                        f'{text[pos:pos + 20]!r}...')
    pos = _SPACE.match(text, pos + 1).end()
    if text.startswith(']', pos):
        return
    while True:
        obj, pos = decoder.raw_decode(text, pos)
        yield obj
        pos = _SPACE.match(text, pos).end()
        if text.startswith(',', pos):
            pos = _SPACE.match(text, pos + 1).end()
        elif text.startswith(']', pos):
            return
        else:
            raise ValueError(f'{path}: expected "," or "]" at character '
                             f'{pos}')


def read_detection_files(det_file: str, ann_file: str,
                         reader: str) -> Tuple[Iterable, dict]:
    """The detections of ``det_file`` (an iterator for a ``.json`` file,
    else MMEngine's ``load``) and the ``ann_file`` listing.

    Raises:
        FileNotFoundError: no ``det_file``.
        TypeError: ``det_file`` is not a list.
        AnnotationFileError: either file cannot be parsed (named).
    """
    if not osp.isfile(det_file):
        raise FileNotFoundError(f'det_file {det_file} does not exist')
    if det_file.endswith('.json'):
        dets = iter_json_list(det_file)
    else:
        with reading_annotations(det_file, 'a detection file reader'):
            dets = load(det_file)
        if not isinstance(dets, list):
            raise TypeError(f'{det_file}: expected a list of detections, '
                            f'got {type(dets).__name__}')
    with reading_annotations(ann_file, reader):
        listing = load(ann_file)
        listing['images'] = list(listing['images'])
    return dets, listing


def _decoded(dets: Iterable, det_file: str) -> Iterator:
    """``dets`` one by one; a json error while decoding becomes an
    ``AnnotationFileError`` naming ``det_file``."""
    it = iter(dets)
    while True:
        try:
            det = next(it)
        except StopIteration:
            return
        except (json.JSONDecodeError, UnicodeDecodeError):
            with reading_annotations(det_file, 'a detection file reader'):
                raise
        yield det


def _raw_columns(dets: Iterable, det_file: str) -> Dict[str, np.ndarray]:
    """image_id, bbox (xywh), score and category of every detection, as
    arrays filled ``CHUNK`` detections at a time."""
    chunks, rows = [], []

    def flush():
        if rows:
            ids, boxes, scores, cats = zip(*rows)
            chunks.append(
                (np.array(ids, np.int64), np.array(boxes,
                                                   np.float32).reshape(-1, 4),
                 np.array(scores, np.float64), np.array(cats, np.int64)))
            rows.clear()

    for i, det in enumerate(_decoded(dets, det_file)):
        if not isinstance(det, dict) or not all(k in det
                                                for k in DETECTION_KEYS):
            missing = sorted(set(DETECTION_KEYS) - set(det)) if isinstance(
                det, dict) else list(DETECTION_KEYS)
            raise KeyError(f'{det_file}: detection {i} lacks {missing}')
        rows.append((det['image_id'], det['bbox'][:4], det['score'],
                     det.get('category_id', 1)))
        if len(rows) == CHUNK:
            flush()
    flush()
    names = ('image_id', 'bbox', 'score', 'category')
    if not chunks:
        return dict(
            image_id=np.zeros(0, np.int64),
            bbox=np.zeros((0, 4), np.float32),
            score=np.zeros(0),
            category=np.zeros(0, np.int64))
    return {
        n: np.concatenate([c[k] for c in chunks])
        for k, n in enumerate(names)
    }


def detection_columns(dets: Iterable, images: list, det_file: str,
                      ann_file: str, score_thr: float,
                      min_box_size: float) -> dict:
    """The kept person boxes as arrays.

    A box is kept when its category is 1 (persons; absent means 1), its
    score is at least ``score_thr`` and both sides at least
    ``min_box_size``.

    Returns:
        dict: ``det_index`` [N] (position in ``det_file``, the sample
        ``id``), ``image_pos`` [N] (position in ``images``), ``bbox`` [N, 4]
        xyxy float32, ``score`` [N] float32.

    Raises:
        KeyError: a detection without ``image_id``/``bbox``/``score``, or
            a kept one whose ``image_id`` is not in ``images`` (named by
            its position).
    """
    raw = _raw_columns(dets, det_file)
    keep = (raw['category'] == 1) & (raw['score'] >= score_thr)
    index = np.nonzero(keep)[0]
    order = np.array([img['id'] for img in images], np.int64)
    sort = np.argsort(order, kind='stable')
    wanted = raw['image_id'][index]
    at = np.searchsorted(order[sort], wanted).clip(max=max(len(order) - 1, 0))
    found = (order[sort][at] == wanted) if len(order) else np.zeros(
        len(wanted), bool)
    if not found.all():
        i = int(index[np.argmin(found)])
        raise KeyError(f'{det_file}: detection {i} has image_id '
                       f'{int(raw["image_id"][i])} not in {ann_file}')
    xywh = raw['bbox'][index]
    xyxy = np.concatenate([xywh[:, :2], xywh[:, :2] + xywh[:, 2:]], axis=1)
    wh = xyxy[:, 2:] - xyxy[:, :2]
    big = (wh >= min_box_size).all(axis=1)
    return dict(
        det_index=index[big],
        image_pos=sort[at][big],
        bbox=xyxy[big],
        score=raw['score'][index][big].astype(np.float32))
