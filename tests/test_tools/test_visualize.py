"""tools/visualize.py: Keypoint-Mix pictures on real COCO samples and
teacher/reviewer/student heatmap pictures for a TRS checkpoint."""
import json
import os.path as osp

import cv2
import torch
import visualize
from conftest import REAL_SAMPLES
from helpers import tiny_config

COCO = osp.join(REAL_SAMPLES, 'coco')


def test_keypoint_mix_picture(tmp_path):
    out = str(tmp_path / 'km.png')
    pic = visualize.main([
        'keypoint-mix', '--ann',
        osp.join(COCO, 'test_coco.json'), '--img-dir', COCO, '--out', out,
        '--k', '3', '--patch-size', '16'
    ])
    saved = cv2.imread(out)
    assert saved is not None and saved.shape == pic.shape
    assert saved.shape[0] == 2 * 256  # originals row + mixed row
    top, bottom = saved[:256], saved[256:]
    assert (top != bottom).any()


def test_heatmap_picture_for_trs_checkpoint(synthetic_root, tmp_path):
    """One row of input + 3 networks, one row per MFL level (2 levels)."""
    from mmengine.config import Config

    from mmpose.registry import MODELS
    cfg = tiny_config('configs/quickstart/trs-mfl-km_res18-half_synthetic.py',
                      synthetic_root, str(tmp_path / 'c.py'))
    model = MODELS.build(Config.fromfile(cfg).model)
    ckpt = str(tmp_path / 'trs.pth')
    torch.save(dict(state_dict=model.state_dict(), meta={}), ckpt)
    ann = json.load(
        open(
            osp.join(synthetic_root, 'annotations',
                     'person_keypoints_val.json')))
    a = ann['annotations'][0]
    img = next(i for i in ann['images'] if i['id'] == a['image_id'])
    out = str(tmp_path / 'hm.png')
    pic = visualize.main([
        'heatmaps', cfg, ckpt, '--image',
        osp.join(synthetic_root, 'images', img['file_name']), '--bbox',
        *map(str, a['bbox']), '--out', out
    ])
    assert cv2.imread(out).shape == pic.shape
    assert pic.shape[0] == 2 * 192
    panel_w = 192 * 64 // 96  # crops are 96x64, drawn 192 high
    assert pic.shape[1] == 4 * panel_w
