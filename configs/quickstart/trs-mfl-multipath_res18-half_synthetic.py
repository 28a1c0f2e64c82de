# TRS (reviewers + MFL) with two hard views per crop: Keypoint-Mix, and
# MultiAugs' Joint Cutout + CutMix; both trained against the same teacher
# and reviewer targets from one easy-view pass.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    net_f=_base_.mfl_net,
    net_g=_base_.mfl_net,
    hard_paths=[[_base_.keypoint_mix], [_base_.joint_cutout, _base_.cutmix]])
