# SSPCM (Huang et al., CVPR 2023): teachers f, g trained as Dual networks, a
# student s on the PCM pseudo-label (closest of the pairs of f, g and their
# snapshots), Cut-Occlude (SSCO) hard views, score mask 0.1. Same data,
# batch, schedule and hard-view affine as the TRS quick start.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    _base_.sspcm_model,
    **_base_.quick_semi,
    net_s=_base_.pose_net,
    # SSPCM refreshes its snapshots every epoch; this iteration-based
    # schedule has none: every 100 iterations
    snapshot_interval=100,
    pre_affine_aug=_base_.cut_occlude)
custom_hooks = _base_.quick_semi_hooks  # no reviewers
default_hooks = dict(checkpoint=dict(save_best='s/coco/AP'))
