# Table IV: MPII 10K labeled + AI Challenger 100K unlabeled, PCKh@0.5 on MPII
# val; Xie et al.'s MPII + AIC schedule: 100 epochs, x0.1 at 50 and 70.
# Paper: 85.7 (Dual 85.3). Main config of the MPII rows.
_base_ = ['../../_base_/semi_runtime.py', '../../_base_/mpii_256x256.py']

model = dict(
    net_f=_base_.res18_mfl,
    net_g=_base_.res18_mfl,
    data_preprocessor=_base_.data_preprocessor)
expected_sizes = dict(labeled=10000, unlabeled=100000)
param_scheduler = _base_.steps_mpii
default_hooks = dict(checkpoint=dict(save_best='f/PCKh'))
