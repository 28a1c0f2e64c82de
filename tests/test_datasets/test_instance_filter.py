"""Xie et al.'s validity filter of a COCO person instance."""
from mmpose_trs.datasets.instance_filter import is_valid_instance

IMAGE = dict(width=100, height=100)
GOOD = dict(
    iscrowd=0,
    category_id=1,
    bbox=[10, 10, 20, 40],
    area=800.,
    keypoints=[12, 15, 2] + [0] * 48)


def test_valid_and_each_reason_to_drop():
    assert is_valid_instance(GOOD, IMAGE)
    for change in (dict(iscrowd=1), dict(category_id=2), dict(area=0.),
                   dict(keypoints=[0] * 51), dict(bbox=[150, 10, 20, 20])):
        assert not is_valid_instance(dict(GOOD, **change), IMAGE), change


def test_box_clipping_and_tiny_boxes():
    """A box partly outside is clipped (valid); a sub-pixel box keeps one
    pixel (valid, as in Xie's code); without the image only w, h matter."""
    assert is_valid_instance(dict(GOOD, bbox=[-5, -5, 20, 20]), IMAGE)
    assert is_valid_instance(dict(GOOD, bbox=[5, 5, .5, .5], area=.2), IMAGE)
    assert is_valid_instance(dict(GOOD, bbox=[150, 10, 20, 20]))
