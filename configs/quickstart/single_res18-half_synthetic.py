# Single network consistency (Xie et al.'s PoseCons, the "Single" row): one
# network teaches itself from the easy to the hard view, Joint Cutout at
# every teacher keypoint; L_sup + L_cons. Same data, batch and schedule as
# the TRS quick start.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    _delete_=True,
    type='SinglePoseEstimator',
    net_f={{_base_.pose_net}},
    data_preprocessor={{_base_.data_preprocessor}},
    sup_weight=1.0,
    unsup_weight=1.0,
    student_forward='joint',
    unsup_rampup_iters=50,
    burn_in_iters=_base_.burn_in_iters,
    hard_view={{_base_.model.hard_view}},
    pre_affine_aug={{_base_.joint_cutout}})
custom_hooks = _base_.safety_hooks  # no reviewers
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
