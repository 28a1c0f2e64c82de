"""TRS on MMPose's own model-zoo configs, the way docs/your_project.md shows:
the config writer (``write_config``, what tools/trs_config.py runs) writes a
config that inherits the zoo config (``mmpose::``), which then trains
through tools/train.py (a step with the unlabeled terms), validates every
network and exports (``export_network``, what tools/export_model.py runs),
on real samples. (The two commands have their own tests: test_trs_config.py,
test_methods_train.py.)
One case is a 14-keypoint CrowdPose model with UDP heatmaps, whose export
runs in plain MMPose from the checkpoint's dataset_meta alone; one is
RTMPose-t, a SimCC model trained in keypoint space."""
import glob
import json
import os.path as osp
import subprocess
import sys

import pytest
from conftest import REAL_SAMPLES
from helpers import dump_config, run_ok, shrink_loaders
from mmengine.config import Config

from mmpose_trs.apis import export_network, write_config

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

ZOO = 'mmpose::body_2d_keypoint/topdown_heatmap/'
CASES = {
    # SimpleBaseline, 14 CrowdPose keypoints, switched to UDP heatmaps
    'res50-crowdpose-udp':
    (ZOO + 'crowdpose/td-hm_res50_8xb64-210e_crowdpose-256x192.py',
     'crowdpose', 'test_crowdpose_det_AP_40.json', True),
    'hrnet-w32-udp-coco':
    (ZOO + 'coco/td-hm_hrnet-w32_udp-8xb64-210e_coco-256x192.py', 'coco',
     'test_coco_det_AP_H_56.json', False),
    'mobilenetv2-coco':
    (ZOO + 'coco/td-hm_mobilenetv2_8xb64-210e_coco-256x192.py', 'coco',
     'test_coco_det_AP_H_56.json', False),
    # RTMPose (CSPNeXt, RTMCCHead, SimCC): keypoint-space targets, its
    # EMAHook and PipelineSwitchHook in their semi-supervised form
    'rtmpose-t-coco': ('mmpose::body_2d_keypoint/rtmpose/coco/'
                       'rtmpose-t_8xb256-420e_coco-256x192.py', 'coco',
                       'test_coco_det_AP_H_56.json', False),
}

# the exported network in plain MMPose, without the plugin and with no
# keypoint set in its config: keypoints, flip pairs and drawing come from
# the checkpoint
PLAIN = r'''
import json, sys
sys.modules['mmpose_trs'] = None
from mmengine.config import Config
from mmpose.apis import MMPoseInferencer, inference_topdown, init_model
cfg_path, ckpt, img, box, out = sys.argv[1:6]
cfg = Config.fromfile(cfg_path)
# the config's dataset says COCO (17 keypoints) and has no metainfo: what
# the model knows of its keypoints must come from the checkpoint
for key in ('train_dataloader', 'val_dataloader'):
    cfg.pop(key, None)
cfg.test_dataloader.dataset.type = cfg.dataset_type = 'CocoDataset'
cfg.test_dataloader.dataset.pop('metainfo', None)
cfg.model.test_cfg.flip_test = True
model = init_model(cfg, ckpt, device='cpu')
res = inference_topdown(model, img, [json.loads(box)], bbox_format='xywh')
inferencer = MMPoseInferencer(pose2d=cfg, pose2d_weights=ckpt,
                              det_model='whole_image', device='cpu')
vis = next(inferencer(img, return_vis=True))['visualization'][0]
meta = model.dataset_meta
print('RESULT=' + json.dumps(dict(
    num_keypoints=meta['num_keypoints'], flip_indices=list(
        meta['flip_indices']), name=meta['dataset_name'],
    keypoints=res[0].pred_instances.keypoints.shape[1],
    vis=list(vis.shape))))
'''


def _tiny(cfg: Config, folder: str, udp: bool) -> None:
    """Real samples, no pretrained weights, small batches, 2 iterations
    (the second with the unlabeled terms), UDP if asked (in place)."""
    net = cfg.model.net_f
    net.backbone.init_cfg = None
    if udp:
        codec = dict(net.head.decoder, type='UDPHeatmap')
        net.head.decoder = codec
        cfg.train_dataloader.dataset.labeled.pipeline[-2].encoder = codec
    loaders = [cfg.val_dataloader, cfg.test_dataloader]
    for dataset in [cfg.train_dataloader.dataset.labeled
                    ] + [lo.dataset for lo in loaders]:
        dataset.update(data_root='', data_prefix=dict(img=folder + '/'))
        dataset.pop('bbox_file', None)
        for t in dataset.pipeline:
            if t['type'] == 'TopdownAffine' and udp:
                t['use_udp'] = True
    for lo in loaders:
        lo.dataset.ann_file = cfg.train_dataloader.dataset.labeled.ann_file
        lo.dataset.indices = 4  # 4 persons: every network still evaluated
    for ev in (cfg.val_evaluator, cfg.test_evaluator):
        ev.ann_file = cfg.train_dataloader.dataset.labeled.ann_file
    cfg.train_dataloader.dataset.unlabeled.pipeline = [
        dict(t, use_udp=True) if t['type'] == 'TopdownAffine' and udp else t
        for t in cfg.train_dataloader.dataset.unlabeled.pipeline
    ]
    shrink_loaders(cfg)
    cfg.model.update(burn_in_iters=1)
    cfg.train_cfg = dict(
        type='IterBasedTrainLoop', max_iters=2, val_interval=2)
    cfg.param_scheduler = [dict(type='ConstantLR', factor=1., by_epoch=False)]
    cfg.default_hooks.checkpoint.update(interval=2, by_epoch=False)
    cfg.default_hooks.logger.update(interval=1)
    cfg.log_processor = dict(by_epoch=False)


@pytest.fixture(scope='module', params=sorted(CASES))
def zoo_run(request, tmp_path_factory):
    base, name, det, udp = CASES[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    folder = osp.join(REAL_SAMPLES, name)
    ann = osp.join(folder, f'test_{name}.json')
    written = write_config(
        base,
        str(tmp / 'trs.py'),
        ann,
        ann,
        det_file=osp.join(folder, det),
        unlabeled_root='',
        unlabeled_img_prefix=folder + '/')
    cfg = Config.fromfile(written)
    _tiny(cfg, folder, udp)
    tiny = str(tmp / 'tiny.py')
    dump_config(cfg, tiny)
    work = str(tmp / 'work')
    log = run_ok([sys.executable, 'tools/train.py', tiny, '--work-dir', work],
                 timeout=900)
    return dict(
        cfg=tiny,
        work=work,
        log=log,
        folder=folder,
        ann=ann,
        udp=udp,
        written=written)


def test_written_config_inherits_the_zoo_config(zoo_run):
    text = open(zoo_run['written']).read()
    assert "_base_ = ['mmpose::body_2d_keypoint" in text
    cfg = Config.fromfile(zoo_run['written'])
    assert cfg.model.type == 'TRSPoseEstimator'
    assert cfg.model.net_f.type == 'TopdownPoseEstimator'
    assert cfg.train_dataloader.dataset.type == 'LabeledUnlabeledDataset'
    assert not any(t['type'] == 'GenerateTarget'
                   for t in cfg.train_dataloader.dataset.unlabeled.pipeline)


def test_trains_with_unlabeled_terms_and_validates_every_network(zoo_run):
    log = zoo_run['log']
    assert 'unsup_g_teacher_loss_kpt' in log
    assert 'unsup_f_reviewer_loss_kpt' in log
    scalars = glob.glob(
        osp.join(zoo_run['work'], '*', 'vis_data', 'scalars.json'))
    keys = set()
    for line in open(scalars[0]):
        keys |= set(json.loads(line))
    for net in ('f', 'g', 'reviewer_f', 'reviewer_g'):
        assert any(
            k.startswith(f'{net}/') and k.endswith('/AP')
            for k in keys), (net, sorted(keys))


def test_export_runs_in_plain_mmpose_from_the_checkpoint_meta(zoo_run):
    ckpt = osp.join(zoo_run['work'], 'iter_2.pth')
    out = osp.dirname(ckpt) + '/exported'
    export_network(zoo_run['cfg'], ckpt, 'g', out)
    ann = json.load(open(zoo_run['ann']))
    inst = ann['annotations'][0]
    img = next(i for i in ann['images'] if i['id'] == inst['image_id'])
    proc = subprocess.run([
        sys.executable, '-c', PLAIN,
        osp.join(out, 'g.py'),
        osp.join(out, 'g.pth'),
        osp.join(zoo_run['folder'], img['file_name']),
        json.dumps(inst['bbox']), out
    ],
                          capture_output=True,
                          text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith('RESULT=')]
    res = json.loads(line[0][7:])
    num = len(ann['categories'][0]['keypoints'])
    assert res['num_keypoints'] == res['keypoints'] == num
    assert len(res['flip_indices']) == num
    assert res['vis'][2] == 3  # MMPoseInferencer drew the prediction
    if zoo_run['udp']:
        assert res['name'] == 'crowdpose'
        assert res['flip_indices'][:2] == [1, 0]
        assert Config.fromfile(osp.join(
            out, 'g.py')).model.head.decoder.type == 'UDPHeatmap'
