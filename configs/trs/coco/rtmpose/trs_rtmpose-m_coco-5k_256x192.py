# TRS, RTMPose-m f and g, COCO 5K labeled (our protocol, no paper
# row; docs/reproduce.md, "RTMPose rows").
_base_ = ['../../../_base_/rtmpose_coco_256x192.py']

model = dict(
    net_f=_base_.rtmpose_m,
    net_g=_base_.rtmpose_m,
    data_preprocessor=_base_.data_preprocessor)
train_dataloader = _base_.split_5k
expected_sizes = dict(labeled=5000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
