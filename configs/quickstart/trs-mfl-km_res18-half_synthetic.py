# The full method on the synthetic dataset: reviewers + Multi-level Feature
# Learning (n = 2: ResNet stages 3 and 4) + Keypoint-Mix (k = 5) on the hard
# view. Ablations (paper Tables VI-IX) by --cfg-options, e.g.
#   model.use_reviewers=False                        (MFL + KM without reviewers)
#   model.pre_affine_aug=None                        (no KM)
#   model.pre_affine_aug.k=3                         (Table VIII)
#   model.pre_affine_aug.type=JointCutoutAug         (Table IX; or CutoutAug)
# and the number of MFL levels with the _mfl-n1 / _mfl-n3 children.
_base_ = ['./trs_res18-half_synthetic.py']

mfl_net = dict(
    backbone=dict(out_indices=(2, 3)),
    head=dict(
        _delete_=True, type='MultiLevelHeatmapHead', in_channels=(128, 256),
        out_channels=17, deconv_out_channels=(128, 128),
        deconv_kernel_sizes=(4, 4), level_deconv_layers=(2, 2),
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder={{_base_.codec}}))
model = dict(
    net_f=mfl_net,
    net_g=mfl_net,
    pre_affine_aug=dict(type='KeypointMixAug', k=5, patch_size=8,
                        score_thr=0.1))
