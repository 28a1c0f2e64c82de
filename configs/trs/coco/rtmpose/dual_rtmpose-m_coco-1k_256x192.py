# Dual networks (Xie et al.: no reviewers, Joint Cutout at every teacher
# keypoint) with RTMPose-m f and g, COCO 1K labeled, on the TRS
# RTMPose rows' schedule, so that the two differ in the method only (our
# protocol, no paper row).
_base_ = ['../../../_base_/rtmpose_coco_256x192.py']

model = dict(
    _base_.dual_networks,
    net_f=_base_.rtmpose_m,
    net_g=_base_.rtmpose_m,
    data_preprocessor=_base_.data_preprocessor)
custom_hooks = _base_.dual_hooks
expected_sizes = dict(labeled=1000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
