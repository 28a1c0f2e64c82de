"""Which COCO person instances count as valid: one rule for the split tool
and the unlabeled dataset."""
from typing import Optional


def is_valid_instance(ann: dict, image: Optional[dict] = None) -> bool:
    """Xie et al.'s filter of a person instance (their ``coco.py``): not
    crowd, category 1, positive area, a box that keeps a pixel inside the
    image once clipped, and at least one labeled keypoint
    (``max(keypoints) > 0``).

    Args:
        ann (dict): a COCO annotation.
        image (dict, optional): its image entry (``width``, ``height``);
            without it the box is only required to be non-negative.
    """
    if ann.get('iscrowd', 0) or ann.get('category_id', 1) != 1:
        return False
    x, y, w, h = ann.get('bbox', [0, 0, -1, -1])
    width = (image or {}).get('width', float('inf'))
    height = (image or {}).get('height', float('inf'))
    x1, y1 = max(0., x), max(0., y)
    x2 = min(width - 1., x1 + max(0., w - 1.))
    y2 = min(height - 1., y1 + max(0., h - 1.))
    return (ann.get('area', 0) > 0 and x2 >= x1 and y2 >= y1
            and max(ann.get('keypoints', [0]) or [0]) > 0)
