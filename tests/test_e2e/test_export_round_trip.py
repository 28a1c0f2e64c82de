"""Export round trip: the exported network runs in plain MMPose (plugin
blocked) and predicts exactly what the plugin's network predicts."""
import json
import os.path as osp
import subprocess
import sys

import numpy as np
import pytest
import torch
from helpers import QUICKSTART_TRS, dump_config, tiny_config, to_rle

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

PLAIN_SCRIPT = r'''
import json, sys
sys.modules['mmpose_trs'] = None  # the plugin is not importable here
from mmpose.apis import init_model, inference_topdown
cfg, ckpt, img, box = sys.argv[1:5]
model = init_model(cfg, ckpt, device='cpu')
res = inference_topdown(model, img, [json.loads(box)], bbox_format='xywh')
print('KPTS=' + json.dumps(res[0].pred_instances.keypoints.tolist()))
from mmpose.apis import MMPoseInferencer
inferencer = MMPoseInferencer(pose2d=cfg, pose2d_weights=ckpt,
                              det_model='whole_image', device='cpu')
out = next(inferencer(img, return_vis=False))
print('INFERENCER=%d' % len(out['predictions'][0][0]['keypoints']))
'''

MFL_TRS = 'configs/quickstart/trs-mfl-km_res18-half_synthetic.py'
# a heatmap f and a SimCC g (exported: g, reviewer_f)
MIXED_TRS = 'configs/quickstart/trs-mixed_res18-half_synthetic.py'


@pytest.fixture(
    scope='module',
    params=[QUICKSTART_TRS, MFL_TRS, MIXED_TRS],
    ids=['heatmap-head', 'mfl-head', 'mixed-pair'])
def trs_checkpoint(request, synthetic_root, tmp_path_factory):
    """A randomly initialised TRS model saved as a checkpoint (training is
    not needed to check that weights are carried over exactly)."""
    from mmengine.config import Config

    from mmpose.registry import MODELS
    tmp = tmp_path_factory.mktemp('export')
    cfg_path = tiny_config(request.param, synthetic_root, str(tmp / 'c.py'))
    torch.manual_seed(1)
    model = MODELS.build(Config.fromfile(cfg_path).model)
    # make every network different, BN statistics included
    for p in model.parameters():
        p.data.add_(torch.randn_like(p) * 0.01)
    for name, b in model.named_buffers():
        if 'running_var' in name:
            b.data.uniform_(0.5, 1.5)
    ckpt = str(tmp / 'trs.pth')
    torch.save(dict(state_dict=model.state_dict(), meta=dict()), ckpt)
    return cfg_path, ckpt, tmp


def _image_and_box(root):
    ann = json.load(
        open(osp.join(root, 'annotations', 'person_keypoints_val.json')))
    a = ann['annotations'][0]
    img = next(i for i in ann['images'] if i['id'] == a['image_id'])
    return osp.join(root, 'images', img['file_name']), a['bbox']


#: an MFL network read at its final level, in the plugin: what
#: ``export_network(..., test_level='final')`` exports
FINAL_LEVEL = {f'model.net_{n}.head.test_level': 'final' for n in ('f', 'g')}


def _is_mfl(cfg_path):
    """Whether a network of the config has a multi-level head (which
    predicts from the mean of its levels: the configs' default)."""
    from mmengine.config import Config
    model = Config.fromfile(cfg_path).model
    heads = [
        model[f'net_{n}'].head for n in ('f', 'g') if model.get(f'net_{n}')
    ]
    return any(h.type == 'MultiLevelHeatmapHead' for h in heads)


def assert_plain_equals_plugin(cfg_path,
                               ckpt,
                               net,
                               out_cfg,
                               out_ckpt,
                               root,
                               options=None):
    """The exported network, run in plain MMPose (plugin blocked; its
    MMPoseInferencer too), predicts what the plugin's network ``net``
    (with ``options`` on its config) predicts on a val crop."""
    from mmpose.apis import inference_topdown, init_model
    img, box = _image_and_box(root)
    proc = subprocess.run([
        sys.executable, '-c', PLAIN_SCRIPT, out_cfg, out_ckpt, img,
        json.dumps(box)
    ],
                          capture_output=True,
                          text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith('KPTS=')]
    plain = np.array(json.loads(line[0][5:]))
    assert 'INFERENCER=17' in proc.stdout  # MMPoseInferencer runs it too
    model = init_model(
        cfg_path,
        ckpt,
        device='cpu',
        cfg_options={
            'model.test_cfg.predict_on': net,
            **(options or {})
        })
    ours = inference_topdown(model, img, [box], bbox_format='xywh')
    np.testing.assert_allclose(
        plain, ours[0].pred_instances.keypoints, atol=1e-4)


@pytest.mark.parametrize('net', ['g', 'reviewer_f'])
def test_exported_equals_plugin(trs_checkpoint, synthetic_root, net):
    from mmpose_trs.apis import export_network
    cfg_path, ckpt, tmp = trs_checkpoint
    # an MFL network exports as plain MMPose at its final level only
    mfl = _is_mfl(cfg_path)
    out_cfg, out_ckpt = export_network(cfg_path, ckpt, net, str(tmp / net),
                                       'final' if mfl else None)
    assert_plain_equals_plugin(cfg_path, ckpt, net, out_cfg, out_ckpt,
                               synthetic_root, FINAL_LEVEL if mfl else None)


def test_exported_checkpoint_has_only_plain_meta(trs_checkpoint):
    """Plain strings in meta, no TRS prefixes, and an MFL head (final-level
    prediction) becomes a plain HeatmapHead without its extra levels."""
    from mmengine.config import Config

    from mmpose_trs.apis import export_network
    cfg_path, ckpt, tmp = trs_checkpoint
    mfl = _is_mfl(cfg_path)
    out_cfg, out_ckpt = export_network(cfg_path, ckpt, 'f', str(tmp / 'meta'),
                                       'final' if mfl else None)
    data = torch.load(out_ckpt, weights_only=True)
    meta = dict(data['meta'])
    dataset_meta = meta.pop('dataset_meta')
    assert all(isinstance(v, str) for v in meta.values())
    # the keypoint set travels with the weights (from the config here: the
    # test checkpoint was saved without MMEngine's meta)
    assert dataset_meta['num_keypoints'] == 17
    assert dataset_meta['flip_indices'][1:3] == [2, 1]
    assert len(dataset_meta['sigmas']) == 17
    assert not any(k.startswith('net_') for k in data['state_dict'])
    assert not any('extra_levels' in k for k in data['state_dict'])
    plain = Config.fromfile(out_cfg)
    assert plain.model.head.type == 'HeatmapHead'
    assert 'custom_imports' not in plain
    if mfl:  # the configs' reading, the mean of the levels: our head
        mean_cfg, mean_ckpt = export_network(cfg_path, ckpt, 'f',
                                             str(tmp / 'mean'))
        mean = Config.fromfile(mean_cfg)
        assert mean.model.head.type == 'MultiLevelHeatmapHead'
        assert mean.model.head.test_level == 'mean'
        assert mean.custom_imports.imports == ['mmpose_trs']
        state = torch.load(mean_ckpt, weights_only=True)['state_dict']
        assert any('extra_levels' in k for k in state)
    if 'mixed' in cfg_path:  # g is the SimCC network
        g_cfg, _ = export_network(cfg_path, ckpt, 'g', str(tmp / 'meta_g'))
        plain_g = Config.fromfile(g_cfg)
        assert plain_g.model.head.type == 'SimCCHead'


def test_rle_network_exports_to_plain_mmpose(synthetic_root, tmp_path):
    """A regression (RLE) g of a mixed pair exports to a plain MMPose
    RLE model that predicts, without the plugin, what the plugin's g
    predicts."""
    from mmengine.config import Config

    from mmpose.registry import MODELS
    from mmpose_trs.apis import export_network
    path = tiny_config(MIXED_TRS, synthetic_root, str(tmp_path / 'c.py'))
    cfg = Config.fromfile(path)
    g = to_rle(cfg.model.net_g, (64, 96))
    g.test_cfg = dict(flip_test=False)
    dump_config(cfg, path)
    torch.manual_seed(2)
    model = MODELS.build(Config.fromfile(path).model)
    assert model.target_space == 'keypoint'
    ckpt = str(tmp_path / 'trs.pth')
    torch.save(dict(state_dict=model.state_dict(), meta=dict()), ckpt)
    out_cfg, out_ckpt = export_network(path, ckpt, 'g', str(tmp_path / 'g'))
    assert Config.fromfile(out_cfg).model.head.type == 'RLEHead'
    assert_plain_equals_plugin(path, ckpt, 'g', out_cfg, out_ckpt,
                               synthetic_root)
