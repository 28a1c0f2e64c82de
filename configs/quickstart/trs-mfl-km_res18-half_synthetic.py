# The full method on the synthetic dataset: reviewers + Multi-level Feature
# Learning (n = 2: ResNet stages 3 and 4) + Keypoint-Mix (k = 5) on the hard
# view. Ablations (paper Tables VI-IX) by --cfg-options, e.g.
#   model.use_reviewers=False               (MFL + KM without reviewers)
#   model.pre_affine_aug=None                        (no KM)
#   model.pre_affine_aug.k=3                         (Table VIII)
#   model.pre_affine_aug.type=TeacherJointCutout  (Table IX; or RandomCutout)
# and three MFL levels in trs-mfl-n3-km_res18-half_synthetic.py.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    net_f=_base_.mfl_net,
    net_g=_base_.mfl_net,
    pre_affine_aug=dict(_base_.keypoint_mix, _delete_=True))
