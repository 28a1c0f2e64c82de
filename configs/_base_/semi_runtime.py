# Runtime of every paper config (COCO, MPII): the training protocol of Xie et
# al.'s released code, which the TRS paper follows "for a fair comparison"
# (../shared/METHOD.md "Protocol", docs/reproduce.md), and the TRS method's
# settings. Data, networks and metrics come from a dataset base
# (coco_256x192.py, mpii_256x256.py). What a config really runs:
#   python tools/analysis/protocol_card.py CONFIG
_base_ = ['mmpose::_base_/default_runtime.py']
custom_imports = dict(
    imports=['mmpose_trs', 'mmpose_trs.safety.process_setup'],
    allow_failed_imports=False)

# ---- batch: 4 GPUs x (8 labeled + 8 unlabeled: the dataset bases' sampler)
# with SyncBN, so that every BatchNorm normalises over 32 crops as on Xie et
# al.'s single GPU with 32 + 32 (the same protocol; 1 GPU: docs/reproduce.md)
num_gpus = 4
sync_bn = 'torch'

# ---- schedule, in epochs of the mixed stream (one pass over the larger
# source, e.g. 149,813 COCO instances / 32 = 4,682 iterations); the family
# configs set train_cfg.expected_sizes, the sizes of their splits
train_cfg = dict(
    _delete_=True, type='MixedEpochTrainLoop', max_epochs=100, val_interval=1)
# Adam, lr 1e-3, no weight decay, no warm-up; x0.1 at two epochs. Xie et
# al.'s schedules, one definition each (a family config picks one):
optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-3))
lr_steps = dict(
    type='MultiStepLR', by_epoch=True, convert_to_iter_based=True, gamma=0.1)
steps_100_epochs = [dict(lr_steps, milestones=[70, 90])]  # TRS, 5K/10K Dual
steps_70_epochs = [dict(lr_steps, milestones=[50, 60])]  # 1K Dual
steps_mpii = [dict(lr_steps, milestones=[50, 70])]  # MPII, 100 epochs
steps_wild = [dict(lr_steps, milestones=[300, 350])]  # WILD, 400 epochs
param_scheduler = steps_100_epochs
# lr 1e-3 is for 32 + 32 crops per step; other batches: --auto-scale-lr
auto_scale_lr = dict(base_batch_size=64)
default_hooks = dict(
    # val metrics logged at their iteration (the default logs epoch 0)
    logger=dict(type='LoggerHook', interval=50, log_metric_by_epoch=False),
    # Xie et al. validate every epoch and keep the best epoch by network
    # 1's AP (the family configs name the metric); report the final weights
    checkpoint=dict(
        type='AtomicCheckpointHook',
        by_epoch=False,
        interval=5000,
        max_keep_ckpts=3,
        rule='greater'))
log_processor = dict(by_epoch=False)
safety_hooks = [
    dict(type='StartupCheckHook'),
    dict(type='NonFiniteLossHook'),
    dict(type='ExactResumeHook')
]
custom_hooks = safety_hooks + [dict(type='ReviewerEMAHook', momentum=0.999)]
val_cfg = dict(type='MultiNetValLoop')
test_cfg = dict(type='MultiNetTestLoop')

# ---- the method: TRS (reviewers + Keypoint-Mix; MFL comes with the
# networks of the dataset base); the family configs add net_f, net_g and
# the data preprocessor
model = dict(
    type='TRSPoseEstimator',
    use_reviewers=True,
    reviewer_pairing='teacher',
    # eq. 12 as Xie et al.'s code: 0.5 * L_sup + 1 * each guide's L_u
    sup_weight=0.5,
    unsup_weight=1.0,
    # labeled and hard-view crops in separate forwards, as Xie et al.
    student_forward='separate',
    hard_view=dict(
        type='HardViewAffine', rot_factor=30, scale_factor=0.25, rot_prob=0.8),
    pre_affine_aug=dict(
        type='TeacherKeypointMix', k=5, patch_size=32, score_thr=0.1),
    test_cfg=dict(predict_on='f'))
# Xie et al.'s Dual networks, the rival of the paper's tables, on the same
# runtime: no reviewers (and no ReviewerEMAHook: custom_hooks = safety_hooks),
# no MFL (plain-head networks), Joint Cutout at every teacher keypoint
dual_networks = dict(
    use_reviewers=False,
    pre_affine_aug=dict(
        _delete_=True,
        type='TeacherJointCutout',
        k=5,
        patch_size=32,
        score_thr=None))
# The rivals on the same runtime (configs/trs/coco/rivals/). SSPCM (Huang et
# al., CVPR 2023): teachers f, g as Dual networks, student s on the PCM
# pseudo-label, snapshots of f and g every epoch of the mixed stream, SSCO
# hard views at the keypoints (k = 2, jitter 10 px, 32 px patches ~ their
# half-sides of 10-19 px), score mask 0.1; no reviewers, no MFL.
sspcm_model = dict(
    _delete_=True,
    type='SSPCMPoseEstimator',
    sup_weight=0.5,
    unsup_weight=1.0,
    student_forward='separate',
    snapshot_interval=4682,  # ceil(149,813 / 32): one COCO epoch
    score_thr=0.1,
    hard_view=model['hard_view'],
    pre_affine_aug=dict(
        type='TeacherCutOcclude', k=2, patch_size=32, jitter=10.),
    test_cfg=dict(predict_on='s'))
# Single (Xie et al.'s PoseCons): one network, Joint Cutout, L_sup + L_cons
single_model = dict(
    _delete_=True,
    type='SinglePoseEstimator',
    sup_weight=1.0,
    unsup_weight=1.0,
    student_forward='separate',
    hard_view=model['hard_view'],
    pre_affine_aug=dict(
        type='TeacherJointCutout', k=5, patch_size=32, score_thr=None))
# MultiAugs (Zhou et al. 2024): Dual networks with two hard views per crop,
# SSCO + Cutout ("JOCO") and Joint Cutout + CutMix ("JCCM"); their holes are
# half-sides of 10-19 px (here 32 px squares) and 5 of each
multiaugs_paths = [[
    sspcm_model['pre_affine_aug'],
    dict(type='RandomCutout', num=5, patch_size=32)
],
                   [
                       dict(
                           type='TeacherJointCutout',
                           k=5,
                           patch_size=32,
                           score_thr=None),
                       dict(type='RandomCutMix', num=5, half_size=(10, 20))
                   ]]
