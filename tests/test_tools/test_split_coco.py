"""tools/split_coco.py on the real COCO sample: both protocols, explicit
ids, refusals, no overwrite."""
import json
import os.path as osp

import pytest

import split_coco
from conftest import REAL_SAMPLES
from mmpose_trs.apis.splits import (apply_split, choose_split,
                                    valid_instances)

ANN = osp.join(REAL_SAMPLES, 'coco', 'test_coco.json')


def load():
    return json.load(open(ANN))


def _ann(i, image_id, bbox=(10, 10, 20, 40), area=800., kpts=True,
         **extra):
    keypoints = [0] * 51
    if kpts:
        keypoints[:3] = [12, 15, 2]
    ann = dict(id=i, image_id=image_id, category_id=1, iscrowd=0,
               bbox=list(bbox), area=area, keypoints=keypoints,
               num_keypoints=int(kpts))
    ann.update(extra)
    return ann


def xie_fixture() -> dict:
    """Images listed 30, 10, 20 (not the annotations' order), with crowd,
    zero-area, zero-keypoint, out-of-image, non-person and tiny instances."""
    images = [dict(id=i, file_name=f'{i}.jpg', width=100, height=100)
              for i in (30, 10, 20)]
    anns = [_ann(101, 10), _ann(102, 20), _ann(103, 30, iscrowd=1),
            _ann(104, 30), _ann(105, 10, area=0.), _ann(106, 30, kpts=False),
            _ann(107, 20, bbox=(5, 5, 0.5, 0.5), area=0.2),  # tiny, valid
            _ann(108, 30, bbox=(150, 10, 20, 20)),  # outside the image
            _ann(109, 30), _ann(110, 10), _ann(111, 20, category_id=2)]
    return dict(images=images, annotations=anns,
                categories=[dict(id=1, name='person')])


def test_xie_split_follows_image_order_and_valid_pool():
    """Xie et al.'s coco.py: images in file order, then each image's
    annotations; the unlabeled pool is every valid instance."""
    data = xie_fixture()
    assert [a['id'] for a in valid_instances(data)] == \
        [104, 109, 101, 110, 102, 107]
    ids = choose_split(data, 'xie', num=3)
    assert ids['labeled_ann_ids'] == [101, 104, 109]  # annotation order:
    assert ids['labeled_image_ids'] == [10, 30]       # 101, 102, 104
    assert ids['unlabeled_ann_ids'] == [101, 102, 104, 107, 109, 110]
    assert ids['unlabeled_image_ids'] == [10, 20, 30]
    assert 'images order' in ids['rule']
    parts = apply_split(data, ids)
    assert sorted(a['id'] for a in parts['unlabeled']['annotations']) == \
        ids['unlabeled_ann_ids']
    assert not any(any(a['keypoints'])
                   for a in parts['unlabeled']['annotations'])


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


def test_written_files_match_ids(tmp_path):
    paths = split_coco.main([ANN, str(tmp_path), '--protocol', 'random',
                             '--num', '2', '--name', 's'])
    lab = json.load(open(tmp_path / 's_labeled.json'))
    unl = json.load(open(tmp_path / 's_unlabeled.json'))
    ids = json.load(open(tmp_path / 's_ids.json'))
    assert len(paths) == 3
    assert sorted(i['id'] for i in lab['images']) == ids['labeled_image_ids']
    assert sorted(a['id'] for a in lab['annotations']) == \
        ids['labeled_ann_ids']
    assert all(a['num_keypoints'] == 0 and not any(a['keypoints'])
               for a in unl['annotations'])
    assert len(ids['source_sha256']) == 64
    # the id file alone re-creates the same split
    split_coco.main([ANN, str(tmp_path / 'again'), '--ids',
                     str(tmp_path / 's_ids.json'), '--name', 's'])
    assert json.load(open(tmp_path / 'again' / 's_labeled.json')) == lab


def test_refusals(tmp_path):
    data = load()
    with pytest.raises(ValueError, match='only 12 valid'):
        choose_split(data, 'xie', num=13)
    with pytest.raises(ValueError, match='4 images'):
        choose_split(data, 'random', num=5)
    with pytest.raises(ValueError, match='exactly one'):
        choose_split(data, 'random', num=1, fraction=0.5)
    split_coco.main([ANN, str(tmp_path), '--num', '3', '--name', 'x'])
    before = open(tmp_path / 'x_labeled.json').read()
    with pytest.raises(FileExistsError, match='x_labeled.json'):
        split_coco.main([ANN, str(tmp_path), '--num', '4', '--name', 'x'])
    assert open(tmp_path / 'x_labeled.json').read() == before
    split_coco.main([ANN, str(tmp_path), '--num', '4', '--name', 'x',
                     '--force'])
    assert open(tmp_path / 'x_labeled.json').read() != before


def test_malformed_json_is_named(tmp_path):
    bad = tmp_path / 'bad.json'
    bad.write_text('{"images": [')
    from mmpose_trs.apis.splits import write_split
    with pytest.raises(ValueError, match='bad.json is not valid json'):
        write_split(str(bad), str(tmp_path), 'n',
                    dict(labeled_ann_ids=[], labeled_image_ids=[],
                         unlabeled_image_ids=[]))


def test_unlabeled_protocol_and_mpii_format(tmp_path):
    """'unlabeled' takes N random person boxes and labels nothing; the MPII
    format gives disjoint labeled samples and unlabeled boxes."""
    aic = osp.join(REAL_SAMPLES, 'aic', 'test_aic.json')
    ids = choose_split(json.load(open(aic)), 'unlabeled', num=4, seed=1)
    assert ids['labeled_ann_ids'] == [] and len(ids['unlabeled_ann_ids']) == 4
    mpii = osp.join(REAL_SAMPLES, 'mpii', 'test_mpii.json')
    img_dir = osp.dirname(mpii)
    with pytest.raises(ValueError, match='--img-dir'):
        split_coco.main([mpii, str(tmp_path), '--format', 'mpii', '--num',
                         '2', '--num-unlabeled', '3', '--name', 'm'])
    split_coco.main([mpii, str(tmp_path), '--format', 'mpii', '--num', '2',
                     '--num-unlabeled', '3', '--name', 'm', '--img-dir',
                     img_dir])
    ids = json.load(open(tmp_path / 'm_ids.json'))
    assert len(ids['labeled_indices']) == 2
    assert len(ids['unlabeled_indices']) == 3
    assert not set(ids['labeled_indices']) & set(ids['unlabeled_indices'])
    unl = json.load(open(tmp_path / 'm_unlabeled.json'))
    samples = json.load(open(mpii))
    box = unl['annotations'][0]['bbox']
    s = samples[ids['unlabeled_indices'][0]]
    assert box[2] == box[3] == pytest.approx(s['scale'] * 200)
    from PIL import Image
    img = unl['images'][0]
    with Image.open(osp.join(img_dir, img['file_name'])) as im:
        assert (img['width'], img['height']) == im.size
    with pytest.raises(ValueError, match='has 5'):
        split_coco.main([mpii, str(tmp_path), '--format', 'mpii', '--num',
                         '3', '--num-unlabeled', '3', '--name', 'n'])
