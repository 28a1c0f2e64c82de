# TRS on the synthetic dataset: 16 labeled + 16 unlabeled crops per batch,
# supervised burn-in, then f/g teach each other with EMA reviewers.
_base_ = ['../_base_/synthetic_quickstart.py']

burn_in_iters = 300
model = dict(
    type='TRSPoseEstimator',
    net_f={{_base_.pose_net}},
    net_g={{_base_.pose_net}},
    data_preprocessor={{_base_.data_preprocessor}},
    use_reviewers=True,
    reviewer_pairing='teacher',
    # eq. 12 as Xie et al.'s code: 0.5 * L_sup + 1 * each guide's L_u
    sup_weight=0.5,
    unsup_weight=1.0,
    student_forward='joint',
    unsup_rampup_iters=50,
    burn_in_iters=burn_in_iters,
    hard_view=dict(
        type='HardViewAffine', rot_factor=30, scale_factor=0.25, rot_prob=0.8),
    test_cfg=dict(predict_on='f'))

train_dataloader = dict(
    batch_size=32,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(
        type='LabeledUnlabeledSampler', num_labeled=16, num_unlabeled=16),
    dataset=dict(
        type='LabeledUnlabeledDataset',
        labeled={{_base_.labeled_dataset}},
        unlabeled={{_base_.unlabeled_dataset}}))

# EMA horizon 1 / (1 - 0.98) = 50 iterations: a small share of the 700
# post-burn-in iterations (see docs/method.md on choosing the momentum)
custom_hooks = _base_.safety_hooks + [
    dict(type='ReviewerEMAHook', momentum=0.98)
]
val_cfg = dict(type='MultiNetValLoop')
test_cfg = dict(type='MultiNetTestLoop')
default_hooks = dict(
    checkpoint=dict(save_best='fg_mean/coco/AP', rule='greater'))
