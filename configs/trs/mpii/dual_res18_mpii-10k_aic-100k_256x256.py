# Table IV, Dual networks (Xie et al.): no reviewers, no MFL, Joint Cutout at
# every teacher keypoint; MPII 10K labeled + AI Challenger 100K unlabeled.
# Paper: 85.3. Main config of the MPII Dual rows.
_base_ = ['../../_base_/semi_runtime.py', '../../_base_/mpii_256x256.py']

model = dict(
    _base_.dual_networks,
    net_f=_base_.res18_plain,
    net_g=_base_.res18_plain,
    data_preprocessor=_base_.data_preprocessor)
custom_hooks = _base_.safety_hooks  # no ReviewerEMAHook
expected_sizes = dict(labeled=10000, unlabeled=100000)
param_scheduler = _base_.steps_mpii
default_hooks = dict(checkpoint=dict(save_best='f/PCKh'))
