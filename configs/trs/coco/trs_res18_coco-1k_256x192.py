# TRS (reviewers + MFL + Keypoint-Mix), ResNet-18 f and g, COCO 1K labeled
# (Xie et al.'s first 1,000 instances) + all of train2017 unlabeled.
# Paper Table II: 50.9 AP (mean of f and g). The main config of the COCO family:
# children change only what differs.
_base_ = ['../../_base_/semi_coco_256x192.py']

model = dict(
    type='TRSPoseEstimator',
    net_f={{_base_.res18_mfl}},
    net_g={{_base_.res18_mfl}},
    data_preprocessor={{_base_.data_preprocessor}},
    use_reviewers=True,
    reviewer_pairing='teacher',
    unsup_weight=0.5,
    hard_view=dict(type='HardViewAffine', rot_factor=30, scale_factor=0.25,
                   rot_prob=0.8),
    pre_affine_aug=dict(type='KeypointMixAug', k=5, patch_size=32,
                        score_thr=0.1),
    test_cfg=dict(predict_on='f'))
