# SSPCM (Huang et al., CVPR 2023), ResNet-18 teachers and student, COCO 1K
# labeled; 100 epochs, x0.1 at 70 and 90 (SSPCM's 1K/10K schedule). Paper
# Table II: 46.9 AP (the student). Main config of the SSPCM rows.
_base_ = ['../../../_base_/semi_runtime.py', '../../../_base_/coco_256x192.py']

model = dict(
    _base_.sspcm_model,
    net_f=_base_.res18_plain,
    net_g=_base_.res18_plain,
    net_s=_base_.res18_plain,
    data_preprocessor=_base_.data_preprocessor)
custom_hooks = _base_.safety_hooks  # no reviewers
expected_sizes = dict(labeled=1000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='s/coco/AP'))
