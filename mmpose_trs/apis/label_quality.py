"""How good are pseudo-labels? Their COCO keypoint AP against held-out
ground truth, as if they were predictions."""
import contextlib
import io
import json
from typing import Optional, Sequence


def label_ap(gt_file: str,
             label_file: str,
             image_ids: Optional[Sequence[int]] = None) -> dict:
    """COCO keypoint AP (OKS) of the persons in ``label_file`` (a COCO
    keypoint file, e.g. from ``tools/pseudo_label.py``) against the persons
    of ``gt_file``, over ``image_ids`` (default: every image of
    ``label_file``). A person's score is its ``score`` field, else 1.

    Returns:
        dict: ``ap``, ``ap50``, ``ar`` (floats) and ``num_labels`` (int).
    """
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
    with open(label_file) as f:
        labels = json.load(f)
    if image_ids is None:
        image_ids = [im['id'] for im in labels['images']]
    wanted = set(image_ids)
    dets = [
        dict(
            image_id=a['image_id'],
            category_id=a.get('category_id', 1),
            keypoints=a['keypoints'],
            score=a.get('score', 1.0)) for a in labels['annotations']
        if a['image_id'] in wanted
    ]
    if not dets:
        raise ValueError(f'{label_file}: no persons on the {len(wanted)} '
                         'images asked for')
    with contextlib.redirect_stdout(io.StringIO()):  # pycocotools prints
        gt = COCO(gt_file)
        missing = wanted - set(gt.getImgIds())
        if missing:
            raise ValueError(f'{gt_file} lacks {len(missing)} of the images, '
                             f'e.g. id {min(missing)}')
        ev = COCOeval(gt, gt.loadRes(dets), 'keypoints')
        ev.params.imgIds = sorted(wanted)
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    return dict(
        ap=float(ev.stats[0]),
        ap50=float(ev.stats[1]),
        ar=float(ev.stats[5]),
        num_labels=len(dets))
