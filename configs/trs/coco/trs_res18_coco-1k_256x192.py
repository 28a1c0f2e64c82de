# TRS (reviewers + MFL + Keypoint-Mix), ResNet-18 f and g, COCO 1K labeled
# (Xie et al.'s first 1,000 valid instances) + the 149,813 valid train2017
# instances unlabeled; 100 epochs, x0.1 at 70 and 90. Paper Table II: 50.9 AP
# (mean of f and g). Main config of the COCO TRS rows.
_base_ = ['../../_base_/semi_runtime.py', '../../_base_/coco_256x192.py']

model = dict(
    net_f=_base_.res18_mfl,
    net_g=_base_.res18_mfl,
    data_preprocessor=_base_.data_preprocessor)
expected_sizes = dict(labeled=1000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
