# Dual networks (Xie et al.): no reviewers, no MFL, Joint Cutout, ResNet-18,
# COCO 1K labeled. Paper Table II: 44.6 AP. Main config of the Dual rows.
_base_ = ['./trs_res18_coco-1k_256x192.py']

model = dict(
    net_f={{_base_.res18_plain}},
    net_g={{_base_.res18_plain}},
    use_reviewers=False,
    pre_affine_aug=dict(_delete_=True, type='JointCutoutAug', k=5,
                        patch_size=32, score_thr=0.1))
custom_hooks = _base_.safety_hooks  # no ReviewerEMAHook
