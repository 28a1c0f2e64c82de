"""Pseudo-labels with flip / multi-scale TTA: a model that sees a bright
blob predicts it, through every view, at the blob's place in the image; the
file loads with pycocotools and MMPose's CocoDataset; thresholds drop what
they should; nothing is overwritten."""
import json
import os.path as osp
import sys

import cv2
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from helpers import DATA_PREPROCESSOR, run_ok, tiny_config, tiny_pose_net
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmpose.registry import KEYPOINT_CODECS, MODELS
from mmpose_trs.apis.pseudo_label import (PseudoLabeler, pseudo_label,
                                          zoom_to_base)

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

BLOB = (88., 52.)  # image pixel (x, y), away from the box centre
PIPELINE = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale', padding=1.25),
    dict(type='TopdownAffine', input_size=(32, 64)),
    dict(type='PackPoseInputs')
]


def _gauss(h, w, x, y, sigma):
    ys, xs = torch.meshgrid(
        torch.arange(h, dtype=torch.float),
        torch.arange(w, dtype=torch.float),
        indexing='ij')
    return torch.exp(-((xs - x)**2 + (ys - y)**2) / (2 * sigma**2))


def test_zoom_to_base_moves_points_about_the_centre():
    c, s = (4., 8.), 1.6
    u1 = (6.2, 13.)  # where the point lies in the base crop
    us = (c[0] + (u1[0] - c[0]) / s, c[1] + (u1[1] - c[1]) / s)
    hm = _gauss(16, 8, *us, 0.8)[None, None]
    out = zoom_to_base(hm, s, c)[0, 0]
    y, x = divmod(int(out.argmax()), 8)
    assert (x, y) == (round(u1[0]), round(u1[1]))
    torch.testing.assert_close(zoom_to_base(hm, 1., c), hm)


@pytest.fixture
def blob_data(tmp_path):
    """One 120x160 image with a Gaussian blob and one person box."""
    img = np.zeros((160, 120, 3), np.uint8)
    blob = _gauss(160, 120, *BLOB, 10.).numpy()
    img[...] = (blob * 255).astype(np.uint8)[..., None]
    cv2.imwrite(str(tmp_path / 'a.png'), img)
    coco = json.load(open('tests/data/real_samples/coco/test_coco.json'))
    ann = dict(
        id=1,
        image_id=7,
        category_id=1,
        iscrowd=0,
        bbox=[30., 20., 60., 100.],
        area=6000.,
        num_keypoints=0,
        keypoints=[0] * 51)
    data = dict(
        images=[dict(id=7, file_name='a.png', width=120, height=160)],
        annotations=[ann],
        categories=coco['categories'])
    path = tmp_path / 'unlabeled.json'
    path.write_text(json.dumps(data))
    return dict(
        data_root=str(tmp_path),
        ann_file='unlabeled.json',
        data_prefix=dict(img=''))


def blob_model():
    """A top-down model whose heatmaps are the pooled image brightness above
    the mean colour: every keypoint lies at the brightest place of the
    crop."""
    init_default_scope('mmpose')
    model = MODELS.build(
        dict(tiny_pose_net(), data_preprocessor=DATA_PREPROCESSOR))
    model.dataset_meta = dict(num_keypoints=17, flip_indices=list(range(17)))
    # DARK decoding: sub-pixel peaks (a heatmap pixel is ~9 image pixels)
    model.head.decoder = KEYPOINT_CODECS.build(
        dict(
            type='MSRAHeatmap',
            input_size=(32, 64),
            heatmap_size=(8, 16),
            sigma=2.,
            unbiased=True))
    model.extract_feat = lambda x: (x, )
    model.head.forward = lambda feats: F.avg_pool2d(
        feats[0].mean(1, keepdim=True).relu(), 4).expand(-1, 17, -1, -1)
    return model.eval()


def _cfg():
    return Config(dict(test_dataloader=dict(dataset=dict(pipeline=PIPELINE))))


@pytest.mark.parametrize('scales,flip', [((1., ), False), ((1., ), True),
                                         ((0.8, 1., 1.6), True)])
def test_predicted_keypoints_are_the_blob(blob_data, tmp_path, scales, flip):
    out = str(tmp_path / 'pseudo.json')
    counts = pseudo_label(
        blob_model(),
        _cfg(),
        blob_data,
        out,
        scales=scales,
        flip=flip,
        kpt_thr=0.,
        inst_thr=-10.)
    assert counts == dict(boxes=1, kept=1, written=1)
    ann = json.load(open(out))['annotations'][0]
    kpts = np.array(ann['keypoints']).reshape(17, 3)
    assert (kpts[:, 2] == 2).all() and ann['num_keypoints'] == 17
    err = np.abs(kpts[:, :2] - np.array(BLOB)).max()
    assert err < 1.5, err  # a heatmap pixel is ~9 image pixels here
    assert len(ann['keypoint_scores']) == 17 and ann['image_id'] == 7


def test_views_off_the_frame_would_miss_the_blob(blob_data):
    """The zoom matters: without bringing the 1.6x crop back to the base
    frame, the averaged peak moves away from the blob."""
    from mmpose_trs.apis import pseudo_label as pl
    loaders = pl.box_loaders(_cfg(), blob_data, (1., 1.6), 1)
    batches = {s: next(iter(ld)) for s, ld in loaders.items()}
    good = PseudoLabeler(blob_model(), (1., 1.6))(batches)
    orig = pl.zoom_to_base
    try:
        pl.zoom_to_base = lambda hm, s, c: hm
        bad = PseudoLabeler(blob_model(), (1., 1.6))({
            s: next(iter(ld))
            for s, ld in loaders.items()
        })
    finally:
        pl.zoom_to_base = orig
    err = [
        np.abs(r.pred_instances.keypoints[0] - BLOB).max()
        for r in (good[0], bad[0])
    ]
    assert err[0] < 1.5 and err[1] > 5., err


def test_thresholds_and_refusals(blob_data, tmp_path):
    out = str(tmp_path / 'p.json')
    with pytest.raises(ValueError, match='no person'):
        pseudo_label(blob_model(), _cfg(), blob_data, out, inst_thr=1e9)
    assert not osp.exists(out)  # nothing half-written
    with pytest.raises(ValueError, match='no person'):  # no visible keypoint
        pseudo_label(
            blob_model(), _cfg(), blob_data, out, kpt_thr=1e9, inst_thr=-10.)
    pseudo_label(
        blob_model(), _cfg(), blob_data, out, kpt_thr=0., inst_thr=-10.)
    with pytest.raises(FileExistsError, match='--force'):
        pseudo_label(blob_model(), _cfg(), blob_data, out, inst_thr=-10.)
    model = blob_model()
    model.dataset_meta['num_keypoints'] = 14
    with pytest.raises(ValueError, match='14'):
        pseudo_label(model, _cfg(), blob_data, out, force=True)


def test_tool_on_the_synthetic_set(synthetic_root, tmp_path):
    """tools/pseudo_label.py with a TRS checkpoint (network g) and TTA: the
    file loads with pycocotools and MMPose's CocoDataset."""
    cfg_path = tiny_config('configs/quickstart/trs_res18-half_synthetic.py',
                           synthetic_root, str(tmp_path / 'c.py'))
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(cfg_path).model)
    ckpt = str(tmp_path / 'trs.pth')
    torch.save(dict(state_dict=model.state_dict(), meta={}), ckpt)
    out = str(tmp_path / 'pseudo.json')
    args = [
        sys.executable, 'tools/pseudo_label.py', cfg_path, ckpt, '--net', 'g',
        '--data-root', synthetic_root, '--ann-file',
        'annotations/person_keypoints_val.json', '--img-prefix', 'images/',
        '--flip', '--scales', '0.9', '1.0', '1.1', '--kpt-thr', '0',
        '--inst-thr', '-1', '-o', out
    ]
    log = run_ok(args)
    from pycocotools.coco import COCO
    coco = COCO(out)
    n = len(
        json.load(
            open(
                osp.join(synthetic_root, 'annotations',
                         'person_keypoints_val.json')))['annotations'])
    assert len(coco.getAnnIds()) == n and f'{n} of {n} persons kept' in log
    from mmpose.datasets import CocoDataset
    ds = CocoDataset(
        ann_file=out,
        data_root='',
        data_prefix=dict(img=osp.join(synthetic_root, 'images/')),
        pipeline=[],
        test_mode=False)
    assert len(ds) == n
    import subprocess
    again = subprocess.run(args, capture_output=True, text=True)
    assert again.returncode != 0 and '--force' in again.stderr + again.stdout


def test_merge_keeps_labels_and_adds_other_boxes(blob_data, tmp_path):
    """--merge-with: ground truth first; a pseudo-label of a labeled box is
    dropped (the label wins), others follow with new ids."""
    root = blob_data['data_root']
    unl = json.load(open(osp.join(root, blob_data['ann_file'])))
    second = dict(unl['annotations'][0], id=2, bbox=[5., 5., 40., 60.])
    unl['annotations'].append(second)
    (tmp_path / 'two.json').write_text(json.dumps(unl))
    labeled = dict(unl, annotations=[dict(unl['annotations'][0], id=9)])
    (tmp_path / 'lab.json').write_text(json.dumps(labeled))
    out = str(tmp_path / 'merged.json')
    counts = pseudo_label(
        blob_model(),
        _cfg(),
        dict(blob_data, ann_file='two.json', data_root=str(tmp_path)),
        out,
        kpt_thr=0.,
        inst_thr=-10.,
        merge_with=str(tmp_path / 'lab.json'))
    merged = json.load(open(out))
    assert counts['kept'] == 2 and counts['written'] == 2
    assert [a['id'] for a in merged['annotations']] == [9, 10]
    assert merged['annotations'][0] == labeled['annotations'][0]
    assert merged['annotations'][1]['bbox'] == [5., 5., 40., 60.]
