# Xie et al.'s Dual networks: no reviewers (no EMA hook), Joint Cutout at
# every teacher keypoint.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    _base_.dual_networks,
    pre_affine_aug=dict(_base_.joint_cutout, _delete_=True))
custom_hooks = _base_.quick_semi_hooks  # no ReviewerEMAHook
