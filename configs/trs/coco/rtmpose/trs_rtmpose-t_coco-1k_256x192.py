# TRS, RTMPose-t f and g, COCO 1K labeled (our protocol, no paper
# row; docs/reproduce.md, "RTMPose rows").
_base_ = ['../../../_base_/rtmpose_coco_256x192.py']

model = dict(
    net_f=_base_.rtmpose_t,
    net_g=_base_.rtmpose_t,
    data_preprocessor=_base_.data_preprocessor)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['t']))
custom_hooks = _base_.custom_hooks[:-1]  # no EMA, as RTMPose-t
expected_sizes = dict(labeled=1000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
