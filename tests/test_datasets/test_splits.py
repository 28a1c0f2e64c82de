"""Labeled/unlabeled splits: Xie et al.'s order and validity filter, the
random protocol, applying ids (the command line is
tests/test_tools/test_split_coco.py)."""
import json
import os.path as osp

from conftest import REAL_SAMPLES

from mmpose_trs.datasets.splits import (apply_split, choose_split,
                                        valid_instances)

ANN = osp.join(REAL_SAMPLES, 'coco', 'test_coco.json')


def load():
    return json.load(open(ANN))


def _ann(i, image_id, bbox=(10, 10, 20, 40), area=800., kpts=True, **extra):
    keypoints = [0] * 51
    if kpts:
        keypoints[:3] = [12, 15, 2]
    ann = dict(
        id=i,
        image_id=image_id,
        category_id=1,
        iscrowd=0,
        bbox=list(bbox),
        area=area,
        keypoints=keypoints,
        num_keypoints=int(kpts))
    ann.update(extra)
    return ann


def xie_fixture() -> dict:
    """Images listed 30, 10, 20 (not the annotations' order), with crowd,
    zero-area, zero-keypoint, out-of-image, non-person and tiny instances."""
    images = [
        dict(id=i, file_name=f'{i}.jpg', width=100, height=100)
        for i in (30, 10, 20)
    ]
    anns = [
        _ann(101, 10),
        _ann(102, 20),
        _ann(103, 30, iscrowd=1),
        _ann(104, 30),
        _ann(105, 10, area=0.),
        _ann(106, 30, kpts=False),
        _ann(107, 20, bbox=(5, 5, 0.5, 0.5), area=0.2),  # tiny, valid
        _ann(108, 30, bbox=(150, 10, 20, 20)),  # outside the image
        _ann(109, 30),
        _ann(110, 10),
        _ann(111, 20, category_id=2)
    ]
    return dict(
        images=images,
        annotations=anns,
        categories=[dict(id=1, name='person')])


def test_xie_split_follows_image_order_and_valid_pool():
    """Xie et al.'s coco.py: images in file order, then each image's
    annotations; the unlabeled pool is every valid instance."""
    data = xie_fixture()
    assert [a['id'] for a in valid_instances(data)] == \
        [104, 109, 101, 110, 102, 107]
    ids = choose_split(data, 'xie', num=3)
    assert ids['labeled_ann_ids'] == [101, 104, 109]  # annotation order:
    assert ids['labeled_image_ids'] == [10, 30]  # 101, 102, 104
    assert ids['unlabeled_ann_ids'] == [101, 102, 104, 107, 109, 110]
    assert ids['unlabeled_image_ids'] == [10, 20, 30]
    assert 'images order' in ids['rule']
    parts = apply_split(data, ids)
    assert sorted(a['id'] for a in parts['unlabeled']['annotations']) == \
        ids['unlabeled_ann_ids']
    assert not any(
        any(a['keypoints']) for a in parts['unlabeled']['annotations'])


def test_xie_first_valid_instances_real_sample():
    """The real sample: 12 of 14 instances are valid (two without
    keypoints); the pool is those 12 boxes."""
    data = load()
    valid = valid_instances(data)
    assert len(valid) == 12
    ids = choose_split(data, 'xie', num=5)
    assert ids['labeled_ann_ids'] == sorted(a['id'] for a in valid[:5])
    assert ids['unlabeled_ann_ids'] == sorted(a['id'] for a in valid)


def test_random_split_disjoint_complete_and_seeded():
    data = load()
    ids = choose_split(data, 'random', num=2, seed=3)
    lab, unl = set(ids['labeled_image_ids']), set(ids['unlabeled_image_ids'])
    assert len(lab) == 2 and not lab & unl
    assert lab | unl == {i['id'] for i in data['images']}
    assert choose_split(data, 'random', num=2, seed=3) == ids
    frac = choose_split(data, 'random', fraction=0.5, seed=3)
    assert len(frac['labeled_image_ids']) == 2
