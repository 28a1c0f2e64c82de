# TRS, RTMPose-s f and g, COCO 5K labeled (our protocol, no paper
# row; docs/reproduce.md, "RTMPose rows").
_base_ = ['../../../_base_/rtmpose_coco_256x192.py']

model = dict(
    net_f=_base_.rtmpose_s,
    net_g=_base_.rtmpose_s,
    data_preprocessor=_base_.data_preprocessor)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['s']))
train_dataloader = _base_.split_5k
expected_sizes = dict(labeled=5000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
