# Single network consistency (Xie et al.'s PoseCons, the "Single" row): one
# network teaches itself from the easy to the hard view, Joint Cutout at
# every teacher keypoint; L_sup + L_cons. Same data, batch and schedule as
# the TRS quick start.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    _base_.single_model,
    net_f=_base_.pose_net,
    data_preprocessor=_base_.data_preprocessor,
    student_forward='joint',
    unsup_rampup_iters=_base_.quick_semi.unsup_rampup_iters,
    burn_in_iters=_base_.burn_in_iters,
    pre_affine_aug=_base_.joint_cutout)
custom_hooks = _base_.quick_semi_hooks  # no reviewers
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
