# SSPCM (Huang et al., CVPR 2023): teachers f, g trained as Dual networks, a
# student s on the PCM pseudo-label (closest of the pairs of f, g and their
# snapshots), Cut-Occlude (SSCO) hard views, score mask 0.1. Same data,
# batch, schedule and hard-view affine as the TRS quick start.
_base_ = ['./trs_res18-half_synthetic.py']

model = dict(
    _delete_=True,
    type='SSPCMPoseEstimator',
    net_f={{_base_.pose_net}},
    net_g={{_base_.pose_net}},
    net_s={{_base_.pose_net}},
    data_preprocessor={{_base_.data_preprocessor}},
    sup_weight=0.5,
    unsup_weight=1.0,
    student_forward='joint',
    unsup_rampup_iters=50,
    burn_in_iters=_base_.burn_in_iters,
    # SSPCM refreshes its snapshots every epoch; here every 100 iterations
    snapshot_interval=100,
    score_thr=0.1,
    hard_view={{_base_.model.hard_view}},
    pre_affine_aug={{_base_.cut_occlude}},
    test_cfg=dict(predict_on='s'))
custom_hooks = _base_.safety_hooks  # no reviewers
default_hooks = dict(checkpoint=dict(save_best='s/coco/AP'))
