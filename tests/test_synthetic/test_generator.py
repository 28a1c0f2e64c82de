"""The embedded synthetic dataset: valid COCO, disjoint splits,
deterministic."""
import json
import os.path as osp

import numpy as np
import pytest
from pycocotools.coco import COCO

from mmpose_trs.synthetic import (COCO_KEYPOINTS, ensure_dataset, generate,
                                  has_dataset, render_image)

FILES = ('labeled', 'unlabeled', 'val', 'train_full')


def _ann(root, name):
    return osp.join(root, 'annotations', f'person_keypoints_{name}.json')


@pytest.mark.parametrize('name', FILES)
def test_loads_with_pycocotools(synthetic_root, name):
    """Every annotation file loads with pycocotools and has unique ids."""
    coco = COCO(_ann(synthetic_root, name))
    ann_ids = [a['id'] for a in coco.dataset['annotations']]
    img_ids = [i['id'] for i in coco.dataset['images']]
    assert len(ann_ids) == len(set(ann_ids)) > 0
    assert len(img_ids) == len(set(img_ids)) > 0
    cat = coco.loadCats(1)[0]
    assert cat['keypoints'] == list(COCO_KEYPOINTS)
    assert len(cat['skeleton']) == 19


@pytest.mark.parametrize('name', ('labeled', 'val', 'train_full'))
def test_keypoints_inside_images(synthetic_root, name):
    """Labeled keypoints lie inside their image; counts match flags."""
    coco = COCO(_ann(synthetic_root, name))
    for ann in coco.dataset['annotations']:
        img = coco.imgs[ann['image_id']]
        k = np.array(ann['keypoints']).reshape(17, 3)
        on = k[:, 2] > 0
        assert ann['num_keypoints'] == on.sum() >= 4
        assert (k[on, 0] >= 0).all() and (k[on, 0] < img['width']).all()
        assert (k[on, 1] >= 0).all() and (k[on, 1] < img['height']).all()
        assert set(np.unique(k[:, 2])) <= {0, 1, 2}
        x, y, w, h = ann['bbox']
        assert w > 0 and h > 0 and x + w <= img['width']


def test_unlabeled_has_boxes_only(synthetic_root):
    """The unlabeled split carries person boxes and no keypoints."""
    data = json.load(open(_ann(synthetic_root, 'unlabeled')))
    assert data['annotations']
    for ann in data['annotations']:
        assert ann['num_keypoints'] == 0 and not any(ann['keypoints'])
        assert ann['bbox'][2] > 0 and ann['bbox'][3] > 0


def test_splits_disjoint_and_full_is_union(synthetic_root):
    """Labeled, unlabeled and val share no image or file; train_full holds
    labeled + unlabeled with keypoints."""
    sets = {n: json.load(open(_ann(synthetic_root, n))) for n in FILES}
    ids = {n: {i['id'] for i in d['images']} for n, d in sets.items()}
    files = {n: {i['file_name'] for i in d['images']} for n, d in sets.items()}
    for a, b in (('labeled', 'unlabeled'), ('labeled', 'val'), ('unlabeled',
                                                                'val')):
        assert not ids[a] & ids[b] and not files[a] & files[b]
    assert ids['train_full'] == ids['labeled'] | ids['unlabeled']
    n_full = len(sets['train_full']['annotations'])
    assert n_full == len(sets['labeled']['annotations']) + len(
        sets['unlabeled']['annotations'])
    for n in FILES:
        for img in sets[n]['images']:
            assert osp.isfile(
                osp.join(synthetic_root, 'images', img['file_name']))


def test_deterministic_and_seed_dependent():
    """The same (seed, split, index) gives the same image; seeds differ."""
    a_img, a_ann = render_image(5, 0, 7)
    b_img, b_ann = render_image(5, 0, 7)
    c_img, _ = render_image(6, 0, 7)
    assert np.array_equal(a_img, b_img)
    assert len(a_ann) == len(b_ann)
    for (ka, ba), (kb, bb) in zip(a_ann, b_ann):
        assert np.array_equal(ka, kb) and ba == bb
    assert not np.array_equal(a_img, c_img)


def test_same_output_with_workers(tmp_path):
    """Two worker processes write exactly what one does."""
    generate(str(tmp_path / 'a'), 2, 3, 2, seed=1, workers=1)
    generate(str(tmp_path / 'b'), 2, 3, 2, seed=1, workers=2)
    for n in FILES:
        assert (open(_ann(str(tmp_path / 'a'),
                          n)).read() == open(_ann(str(tmp_path / 'b'),
                                                  n)).read())


def test_rejects_empty_split(tmp_path):
    with pytest.raises(ValueError, match='num_val'):
        generate(str(tmp_path), 1, 1, 0)


def test_has_dataset(synthetic_root, tmp_path):
    """Tools generate the default dataset only where none is (a test's tiny
    one included) and never over one."""
    assert has_dataset(synthetic_root)
    assert not has_dataset(str(tmp_path))
    generate(
        str(tmp_path), num_labeled=1, num_unlabeled=1, num_val=1, workers=1)
    assert has_dataset(str(tmp_path))
    (tmp_path / 'annotations' / 'person_keypoints_val.json').unlink()
    assert not has_dataset(str(tmp_path))


def test_ensure_dataset_one_notion_of_present(tmp_path, synthetic_root):
    """Any complete dataset is accepted without params; a dataset of other
    params is refused (nothing written) unless forced; none is generated."""
    tiny = dict(num_labeled=1, num_unlabeled=1, num_val=1, seed=0)
    assert ensure_dataset(synthetic_root)['params']['seed'] == 3
    with pytest.raises(FileExistsError, match='pass --force'):
        ensure_dataset(synthetic_root, tiny)
    out = ensure_dataset(str(tmp_path), tiny, workers=1)
    assert out['params'] == tiny and out['counts']['val']['images'] == 1
    bigger = dict(tiny, num_val=2)
    assert ensure_dataset(
        str(tmp_path), bigger, force=True,
        workers=1)['counts']['val']['images'] == 2
