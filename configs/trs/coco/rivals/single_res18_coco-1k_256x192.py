# Single network consistency (Xie et al.'s PoseCons), ResNet-18, COCO 1K
# labeled, Joint Cutout, L_sup + L_cons; the Dual row's schedule (70 epochs,
# x0.1 at 50 and 60). Paper Table II: 42.1 AP.
_base_ = ['../../../_base_/semi_runtime.py', '../../../_base_/coco_256x192.py']

model = dict(
    _base_.single_model,
    net_f=_base_.res18_plain,
    data_preprocessor=_base_.data_preprocessor)
custom_hooks = _base_.safety_hooks  # no reviewers
train_cfg = dict(max_epochs=70)
expected_sizes = dict(labeled=1000, unlabeled=149813)
param_scheduler = _base_.steps_70_epochs
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
