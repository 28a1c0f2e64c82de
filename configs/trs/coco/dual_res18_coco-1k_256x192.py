# Dual networks (Xie et al.): no reviewers, no MFL, Joint Cutout at every
# teacher keypoint (no score threshold), ResNet-18, COCO 1K labeled; their
# 1K schedule: 70 epochs, x0.1 at 50 and 60. Paper Table II: 44.6 AP. Main
# config of the Dual rows.
_base_ = ['../../_base_/semi_runtime.py', '../../_base_/coco_256x192.py']

model = dict(
    _base_.dual_networks,
    net_f=_base_.res18_plain,
    net_g=_base_.res18_plain,
    data_preprocessor=_base_.data_preprocessor)
custom_hooks = _base_.safety_hooks  # no ReviewerEMAHook
train_cfg = dict(max_epochs=70)
expected_sizes = dict(labeled=1000, unlabeled=149813)
param_scheduler = _base_.steps_70_epochs
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
