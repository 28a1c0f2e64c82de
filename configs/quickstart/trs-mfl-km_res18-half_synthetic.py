# The full method on the synthetic dataset: reviewers + Multi-level Feature
# Learning (n = 2: ResNet stages 3 and 4) + Keypoint-Mix (k = 5) on the hard
# view. Ablations (paper Tables VI-IX) by --cfg-options, e.g.
#   model.use_reviewers=False               (MFL + KM without reviewers)
#   model.pre_affine_aug=None                        (no KM)
#   model.pre_affine_aug.k=3                         (Table VIII)
#   model.pre_affine_aug.type=TeacherJointCutout  (Table IX; or RandomCutout)
# and the number of MFL levels with the _mfl-n1 / _mfl-n3 children.
_base_ = ['./trs_res18-half_synthetic.py']

mfl_net = dict(backbone=dict(out_indices=(2, 3)), head={{_base_.mfl_head}})
model = dict(
    net_f=mfl_net,
    net_g=mfl_net,
    pre_affine_aug=dict(
        type='TeacherKeypointMix', k=5, patch_size=8, score_thr=0.1))
