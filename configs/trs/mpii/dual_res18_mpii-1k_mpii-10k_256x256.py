# Table V, Dual networks (Xie et al.): no reviewers, no MFL, Joint Cutout at
# every teacher keypoint. Paper: 75.4.
_base_ = ['./trs_res18_mpii-1k_mpii-10k_256x256.py']

plain = dict(_base_.res18_plain, _delete_=True)  # replaces the MFL network
model = dict(
    net_f=plain,
    net_g=plain,
    use_reviewers=False,
    pre_affine_aug=dict(
        _delete_=True,
        type='TeacherJointCutout',
        k=5,
        patch_size=32,
        score_thr=None))
custom_hooks = _base_.safety_hooks  # no ReviewerEMAHook
