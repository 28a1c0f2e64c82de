"""The config writer's review of your config: the warning for networks that
start from weights trained on pose labels."""
from mmengine.config import Config

from mmpose_trs.apis.config_review import pose_pretrained_note

RTM = ('https://download.openmmlab.com/mmpose/v1/projects/rtmposev1/'
       'cspnext-m_udp-aic-coco_210e-256x192-f2f7d6f6_20230130.pth')
IMAGENET = ('https://download.openmmlab.com/mmdetection/v3.0/rtmdet/'
            'cspnext_rsb_pretrain/cspnext-s_imagenet_600e.pth')


def cfg(backbone_ckpt=None, model_ckpt=None):
    model = dict(type='TopdownPoseEstimator', backbone=dict(type='CSPNeXt'))
    if backbone_ckpt:
        model['backbone']['init_cfg'] = dict(
            type='Pretrained', checkpoint=backbone_ckpt)
    if model_ckpt:
        model['init_cfg'] = dict(type='Pretrained', checkpoint=model_ckpt)
    return Config(dict(model=model))


def test_pose_weights_are_named_with_their_datasets():
    notes = pose_pretrained_note(cfg(RTM))
    assert len(notes) == 1
    assert notes[0].startswith(f'NOTE: backbone starts from {RTM}')
    assert 'COCO/AIC keypoints' in notes[0]
    whole = pose_pretrained_note(cfg(model_ckpt='work/td-hm_mpii.pth'))
    assert len(whole) == 1 and 'model starts from' in whole[0]
    assert 'MPII' in whole[0]


def test_imagenet_and_no_weights_say_nothing():
    assert pose_pretrained_note(cfg(IMAGENET)) == []
    assert pose_pretrained_note(cfg('torchvision://resnet50')) == []
    assert pose_pretrained_note(cfg()) == []
