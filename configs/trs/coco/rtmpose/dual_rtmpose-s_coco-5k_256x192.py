# Dual networks (Xie et al.: no reviewers, Joint Cutout at every teacher
# keypoint) with RTMPose-s f and g, COCO 5K labeled, on the TRS
# RTMPose rows' schedule, so that the two differ in the method only (our
# protocol, no paper row).
_base_ = ['../../../_base_/rtmpose_coco_256x192.py']

model = dict(
    _base_.dual_networks,
    net_f=_base_.rtmpose_s,
    net_g=_base_.rtmpose_s,
    data_preprocessor=_base_.data_preprocessor)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['s']))
train_dataloader = _base_.split_5k
custom_hooks = _base_.dual_hooks
expected_sizes = dict(labeled=5000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
