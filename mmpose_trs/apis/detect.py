"""Boxes of one class (persons by default, any class of the detector by
option) for a folder of images or videos, from an MMDetection detector:
batched, written as JSON-lines records as it goes (an interrupted run
resumes without redoing what is written), unreadable files listed at the
end. Image folders also get the two COCO-style files
:class:`UnlabeledPersonDataset` reads (``ann_file`` + ``det_file``)."""
import os.path as osp
import time
from typing import Callable, Iterator, List, Optional, Tuple, Union

import cv2
import numpy as np
from mmengine.registry import DefaultScope
from torch import nn

from ..datasets.detection_records import RecordWriter, read_records, record_key
from ..datasets.media_files import (FrameReadError, VideoReader, list_images,
                                    sampled_videos)
from ..utils.atomic_io import write_new_json_files

#: a unit of work: (file relative to the folder, frame or None)
Item = Tuple[str, Optional[int]]


def person_label(model: nn.Module) -> int:
    """Index of the 'person' class of the detector (0 for COCO models)."""
    return class_label(model, 'person')


def class_label(model: nn.Module, category: Union[str, int]) -> int:
    """Index of ``category`` (a class name, case-insensitive, or an index)
    among the detector's classes; a model without class names has COCO's
    (person = 0)."""
    classes = [
        c.lower() for c in (getattr(model, 'dataset_meta', None) or {}
                            ).get('classes', ['person'])
    ]
    if isinstance(category, int) or str(category).isdigit():
        return int(category)
    if category.lower() not in classes:
        raise ValueError(f'the detector has no "{category}" class: '
                         f'{classes[:10]}')
    return classes.index(category.lower())


def media_items(folder: str,
                videos: bool = False,
                frame_stride: Optional[int] = None,
                fps: Optional[float] = None) -> Tuple[List[Item], list]:
    """The images of ``folder`` (or the sampled frames of its videos) and
    the videos that cannot be opened (``[(file, why)]``)."""
    if not videos:
        return [(name, None) for name in list_images(folder)], []
    sampled, bad = sampled_videos(folder, frame_stride, fps)
    return [(name, f) for name, (frames, _) in sampled.items()
            for f in frames], bad


def item_loader(folder: str) -> Callable[[Item], np.ndarray]:
    """Reads an item as a BGR array; raises naming the file (and frame)."""
    reader = VideoReader()

    def load(item: Item) -> np.ndarray:
        name, frame = item
        path = osp.join(folder, name)
        if frame is not None:
            return reader.read(path, frame)
        img = cv2.imread(path)
        if img is None:
            raise OSError(f'{path}: cannot be read as an image')
        return img

    return load


def _boxes(pred, label: int, score_thr: float) -> List[list]:
    keep = (pred.labels == label) & (pred.scores >= score_thr)
    return [[x0, y0, x1 - x0, y1 - y0, s] for (
        x0, y0, x1,
        y1), s in zip(pred.bboxes[keep].tolist(), pred.scores[keep].tolist())]


def _scope(cfg) -> str:
    """The registry scope a detector config builds in."""
    return cfg.get('default_scope', 'mmdet')


def _batch_records(model, batch: List[Item], load, label: int,
                   score_thr: float) -> List[dict]:
    """The records of one batch: boxes, or the error of an unreadable
    item."""
    from mmdet.apis import inference_detector
    records, images, where = [], [], []
    for item in batch:
        try:
            img = load(item)
        except (OSError, FrameReadError) as error:
            records.append(dict(file=item[0], frame=item[1], error=str(error)))
            continue
        where.append(len(records))
        records.append(
            dict(
                file=item[0],
                frame=item[1],
                height=img.shape[0],
                width=img.shape[1]))
        images.append(img)
    if images:
        with DefaultScope.overwrite_default_scope(_scope(model.cfg)):
            results = inference_detector(model, images)
        for i, result in zip(where, results):
            records[i]['boxes'] = _boxes(result.pred_instances, label,
                                         score_thr)
    return records


def _batches(items: List[Item], size: int) -> Iterator[List[Item]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def detect_media(model: nn.Module,
                 folder: str,
                 out_file: str,
                 videos: bool = False,
                 frame_stride: Optional[int] = None,
                 fps: Optional[float] = None,
                 category: Union[str, int] = 'person',
                 score_thr: float = 0.3,
                 batch_size: int = 8,
                 progress: bool = True) -> dict:
    """Detect ``category`` in every image (or sampled frame) of ``folder``,
    appending records to ``out_file`` batch by batch; items already in it
    are not redone.

    Returns:
        dict: ``records`` (every item's record by ``(file, frame)``),
        ``done_before`` (items found in ``out_file``), ``new`` (items
        detected now), ``unreadable`` (``[(file, frame, why)]``, videos
        that cannot be opened with frame None), ``seconds``.
    """
    label = class_label(model, category)
    items, bad_videos = media_items(folder, videos, frame_stride, fps)
    done = read_records(out_file) if osp.isfile(out_file) else {}
    todo = [item for item in items if item not in done]
    load = item_loader(folder)
    start = time.time()
    bar = _progress(len(todo)) if progress and todo else None
    with RecordWriter(out_file) as out:
        for batch in _batches(todo, batch_size):
            records = _batch_records(model, batch, load, label, score_thr)
            out.write(records)
            done.update((record_key(r), r) for r in records)
            if bar is not None:
                bar.update(len(batch))
    records = {item: done[item] for item in items}
    unreadable = [(n, None, why) for n, why in bad_videos
                  ] + [(r['file'], r['frame'], r['error'])
                       for r in records.values() if 'error' in r]
    return dict(
        records=records,
        done_before=len(items) - len(todo),
        new=len(todo),
        unreadable=unreadable,
        seconds=time.time() - start)


def _progress(total: int):
    """MMEngine's progress bar (elapsed, ETA), advanced by a batch."""
    from mmengine.utils import ProgressBar

    class BatchBar(ProgressBar):

        def update(self, num_tasks: int = 1) -> None:
            for _ in range(num_tasks):
                super().update()

    return BatchBar(total)


def records_to_coco(records: dict) -> Tuple[list, list]:
    """COCO ``images`` and detections ``dict(image_id, bbox, score,
    category_id=1)`` of image records (errors left out)."""
    images, dets = [], []
    for image_id, ((name, _), rec) in enumerate(sorted(records.items()), 1):
        if 'error' in rec:
            continue
        images.append(
            dict(
                id=image_id,
                file_name=name,
                height=rec['height'],
                width=rec['width']))
        dets += [
            dict(image_id=image_id, category_id=1, score=b[4], bbox=b[:4])
            for b in rec['boxes']
        ]
    return images, dets


def write_detections(images: list,
                     dets: list,
                     out_dir: str,
                     name: str,
                     force: bool = False) -> Tuple[str, str]:
    """Write ``<name>_images.json`` (COCO images list, the dataset's
    ``ann_file``) and ``<name>_person_dets.json`` (its ``det_file``),
    atomically, refusing to overwrite unless ``force``."""
    paths = (osp.join(out_dir, f'{name}_images.json'),
             osp.join(out_dir, f'{name}_person_dets.json'))
    contents = (dict(
        images=images,
        annotations=[],
        categories=[dict(id=1, name='person', supercategory='person')]), dets)
    write_new_json_files(dict(zip(paths, contents)), force)
    return paths


def build_detector(config: str,
                   checkpoint: Optional[str],
                   device: str,
                   cfg_options: Optional[dict] = None) -> nn.Module:
    """``init_detector`` with optional config overrides. Without a
    checkpoint the detector gets its configured initialisation (random
    weights: only useful for tests). The process's default registry scope
    is left as it was (``init_detector`` alone sets it to ``mmdet``, and
    MMPose's registries then build from MMDetection's)."""
    from mmdet.apis import init_detector
    from mmengine.config import Config
    cfg = Config.fromfile(config)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    with DefaultScope.overwrite_default_scope(_scope(cfg)):
        model = init_detector(cfg, checkpoint, device=device)
    if checkpoint is None:
        model.init_weights()
    return model
