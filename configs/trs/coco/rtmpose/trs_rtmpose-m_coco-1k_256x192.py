# TRS (reviewers + Keypoint-Mix; targets in keypoint space, encoded by the
# students' SimCC codec) with RTMPose-m f and g, COCO 1K labeled (Xie et
# al.'s first 1,000 valid instances) + the 149,813 valid train2017
# instances unlabeled. Our protocol, no paper row (docs/reproduce.md,
# "RTMPose rows"): RTMPose's AdamW, warm-up, cosine, stage 2 and EMA on the
# TRS rows' stream of 100 epochs. Main config of the RTMPose rows.
_base_ = ['../../../_base_/rtmpose_coco_256x192.py']

model = dict(
    net_f=_base_.rtmpose_m,
    net_g=_base_.rtmpose_m,
    data_preprocessor=_base_.data_preprocessor)
expected_sizes = dict(labeled=1000, unlabeled=149813)
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
