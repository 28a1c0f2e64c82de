"""Person boxes for unlabeled images from an MMDetection detector, in the
format :class:`UnlabeledPersonDataset` reads (``det_file`` + ``ann_file``)."""
import os.path as osp
from typing import Optional, Tuple

import cv2
from torch import nn

from ..datasets.media_files import list_images
from ..utils.atomic_io import write_new_json_files


def person_label(model: nn.Module) -> int:
    """Index of the 'person' class of the detector (0 for COCO models)."""
    classes = [
        c.lower() for c in (getattr(model, 'dataset_meta', None) or {}
                            ).get('classes', ['person'])
    ]
    if 'person' not in classes:
        raise ValueError(f'the detector has no "person" class: {classes[:10]}')
    return classes.index('person')


def detect_persons(model: nn.Module,
                   img_dir: str,
                   score_thr: float = 0.3,
                   progress: bool = True) -> Tuple[list, list]:
    """Run ``model`` (from ``mmdet.apis.init_detector``) over a folder.

    Returns:
        tuple: COCO ``images`` entries and detections
        ``dict(image_id, bbox=[x, y, w, h], score, category_id=1)``.
    """
    from mmdet.apis import inference_detector
    from mmengine.utils import ProgressBar
    files = list_images(img_dir)
    label = person_label(model)
    images, dets = [], []
    bar = ProgressBar(len(files)) if progress else None
    for image_id, name in enumerate(files, 1):
        img = cv2.imread(osp.join(img_dir, name))
        if img is None:
            raise ValueError(f'cannot read image {osp.join(img_dir, name)}')
        images.append(
            dict(
                id=image_id,
                file_name=name,
                height=img.shape[0],
                width=img.shape[1]))
        pred = inference_detector(model, img).pred_instances
        keep = (pred.labels == label) & (pred.scores >= score_thr)
        for (x0, y0, x1, y1), s in zip(pred.bboxes[keep].tolist(),
                                       pred.scores[keep].tolist()):
            dets.append(
                dict(
                    image_id=image_id,
                    category_id=1,
                    score=s,
                    bbox=[x0, y0, x1 - x0, y1 - y0]))
        if bar is not None:
            bar.update()
    if not dets:
        raise ValueError(f'no person detected with score >= {score_thr} in '
                         f'the {len(files)} images of {img_dir}')
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
    weights: only useful for tests)."""
    from mmdet.apis import init_detector
    from mmengine.config import Config
    cfg = Config.fromfile(config)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    model = init_detector(cfg, checkpoint, device=device)
    if checkpoint is None:
        model.init_weights()
    return model
