# The semi-supervised methods, defined once: the plugin imports, the safety
# hooks, and each method's model settings (no networks, no data). Inherited
# by the paper runtime (semi_runtime.py) and the quick start
# (synthetic_quickstart.py), which add networks, data and schedule; written
# into a user's config by `mmpose-trs-config` (mmpose_trs.apis.config_writer).
# Patch sizes are for 256x192 crops (the papers'); a base of another crop
# size scales them (synthetic_quickstart.py). Each value's source: the
# method's paper or released code (docs/method.md, docs/peer_code.md).
custom_imports = dict(
    imports=['mmpose_trs', 'mmpose_trs.safety.process_setup'],
    allow_failed_imports=False)
# fail fast on mismatched data/model, batch composition or split sizes,
# stop at the first NaN/inf loss, resume bit-exactly
safety_hooks = [
    dict(type='StartupCheckHook'),
    dict(type='NonFiniteLossHook'),
    dict(type='ExactResumeHook'),
    # SIGTERM/SIGUSR1 (a cluster's pre-emption notice): finish the
    # iteration, checkpoint it, exit with status 3
    dict(type='PreemptionHook'),
    # log and count the unlabeled images skipped because unreadable; stop
    # above 1 % of the source
    dict(type='BadSampleHook')
]
reviewer_hooks = [dict(type='ReviewerEMAHook', momentum=0.999)]
# the students' targets against hidden keypoints of the unlabeled crops
# (an unlabeled dataset with hidden_keypoints_file and HideKeypoints in its
# pipeline): PCK and pixel error every 50 iterations, never a loss
target_accuracy_hook = dict(type='TargetAccuracyHook', interval=50)
# training in epochs of the mixed stream; every network validated and
# tested in one pass, metrics prefixed by name; checkpoints written
# atomically
semi_train_cfg = dict(type='MixedEpochTrainLoop')
semi_val_cfg = dict(type='MultiNetValLoop')
semi_test_cfg = dict(type='MultiNetTestLoop')
checkpoint_hook = dict(type='AtomicCheckpointHook')

# ---- the hard-view augmentations at 256x192
hard_view = dict(
    type='HardViewAffine', rot_factor=30, scale_factor=0.25, rot_prob=0.8)
keypoint_mix = dict(
    type='TeacherKeypointMix', k=5, patch_size=32, score_thr=0.1)
joint_cutout = dict(
    type='TeacherJointCutout', k=5, patch_size=32, score_thr=None)
# SSPCM's SSCO: k = 2, jitter 10 px, 32 px patches ~ their half-sides of
# 10-19 px
cut_occlude = dict(type='TeacherCutOcclude', k=2, patch_size=32, jitter=10.)
cutout = dict(type='RandomCutout', num=5, patch_size=32)
cutmix = dict(type='RandomCutMix', num=5, half_size=(10, 20))

# ---- TRS (Yun et al. 2025): reviewers + Keypoint-Mix (MFL comes with the
# networks); a config adds net_f, net_g and the data preprocessor
model = dict(
    type='TRSPoseEstimator',
    use_reviewers=True,
    reviewer_pairing='teacher',
    # eq. 12 as Xie et al.'s code: 0.5 * L_sup + 1 * each guide's L_u
    sup_weight=0.5,
    unsup_weight=1.0,
    # labeled and hard-view crops in separate forwards, as Xie et al.
    student_forward='separate',
    hard_view=hard_view,
    pre_affine_aug=keypoint_mix,
    test_cfg=dict(predict_on='f'))
# Xie et al.'s Dual networks, merged into `model`: no reviewers (and no
# ReviewerEMAHook: custom_hooks = safety_hooks), Joint Cutout at every
# teacher keypoint; plain-head networks
dual_networks = dict(
    use_reviewers=False, pre_affine_aug=dict(joint_cutout, _delete_=True))
# SSPCM (Huang et al., CVPR 2023), in place of `model`: teachers f, g as
# Dual networks, student s on the PCM pseudo-label, snapshots of f and g
# every epoch of the mixed stream (snapshot_interval='epoch': the loop's
# epoch length), SSCO hard views, score mask 0.1
sspcm_model = dict(
    _delete_=True,
    type='SSPCMPoseEstimator',
    sup_weight=0.5,
    unsup_weight=1.0,
    student_forward='separate',
    snapshot_interval='epoch',
    score_thr=0.1,
    hard_view=hard_view,
    pre_affine_aug=cut_occlude,
    test_cfg=dict(predict_on='s'))
# Single (Xie et al.'s PoseCons), in place of `model`: one network, Joint
# Cutout, L_sup + L_cons
single_model = dict(
    _delete_=True,
    type='SinglePoseEstimator',
    sup_weight=1.0,
    unsup_weight=1.0,
    student_forward='separate',
    hard_view=hard_view,
    pre_affine_aug=joint_cutout)
# MultiAugs (Zhou et al. 2024), merged into `model` with dual_networks: two
# hard views per crop, SSCO + Cutout ("JOCO") and Joint Cutout + CutMix
# ("JCCM")
multiaugs_paths = [[cut_occlude, cutout], [joint_cutout, cutmix]]
multiaugs = dict(pre_affine_aug=None, hard_paths=multiaugs_paths)
