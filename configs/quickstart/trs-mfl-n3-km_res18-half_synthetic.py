# MFL with n = 3 levels (ResNet stages 2-4; Table VII) and Keypoint-Mix.
_base_ = ['./trs_res18-half_synthetic.py']

mfl3 = dict(
    backbone=dict(out_indices=(1, 2, 3)),
    head=dict(
        _base_.mfl_head,
        in_channels=(64, 128, 256),
        level_deconv_layers=(1, 2, 2)))
model = dict(
    net_f=mfl3,
    net_g=mfl3,
    pre_affine_aug=dict(_base_.keypoint_mix, _delete_=True))
