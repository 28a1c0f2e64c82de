"""tools/split_coco.py on the real COCO sample: both protocols, explicit
ids, refusals, no overwrite."""
import json
import os.path as osp

import pytest
from conftest import REAL_SAMPLES

from mmpose_trs.datasets.splits import choose_split
from mmpose_trs.tools import split_coco

ANN = osp.join(REAL_SAMPLES, 'coco', 'test_coco.json')


def load():
    return json.load(open(ANN))


def test_written_files_match_ids(tmp_path):
    paths = split_coco.main([
        ANN,
        str(tmp_path), '--protocol', 'random', '--num', '2', '--name', 's'
    ])
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
    split_coco.main([
        ANN,
        str(tmp_path / 'again'), '--ids',
        str(tmp_path / 's_ids.json'), '--name', 's'
    ])
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
    split_coco.main(
        [ANN, str(tmp_path), '--num', '4', '--name', 'x', '--force'])
    assert open(tmp_path / 'x_labeled.json').read() != before


def test_malformed_json_is_named(tmp_path):
    bad = tmp_path / 'bad.json'
    bad.write_text('{"images": [')
    from mmpose_trs.datasets.splits import write_split
    with pytest.raises(ValueError, match='bad.json is not valid json'):
        write_split(
            str(bad), str(tmp_path), 'n',
            dict(
                labeled_ann_ids=[],
                labeled_image_ids=[],
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
        split_coco.main([
            mpii,
            str(tmp_path), '--format', 'mpii', '--num', '2', '--num-unlabeled',
            '3', '--name', 'm'
        ])
    split_coco.main([
        mpii,
        str(tmp_path), '--format', 'mpii', '--num', '2', '--num-unlabeled',
        '3', '--name', 'm', '--img-dir', img_dir
    ])
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
        split_coco.main([
            mpii,
            str(tmp_path), '--format', 'mpii', '--num', '3', '--num-unlabeled',
            '3', '--name', 'n'
        ])
