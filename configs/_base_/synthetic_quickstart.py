# Shared pieces of the quick-start configs: the embedded synthetic dataset
# (tools/make_synthetic_coco.py -> data/synthetic), a small SimpleBaseline
# (ResNet-18 at half width, 96x64 input), a short iteration-based schedule,
# and the methods of semi_methods.py at this crop size (quick_semi).
# The last ResNet stage keeps stride 16 (dilated) and the head has two deconv
# layers: at 96x64 a stride-32 map is 3x2 cells, and from scratch the network
# then stays on the all-zero heatmap plateau for the whole short schedule
# (measured in docs/synthetic_dataset.md).
_base_ = ['mmpose::_base_/default_runtime.py', './semi_methods.py']

# schedule (iterations)
max_iters = 1000
val_interval = 500
train_cfg = dict(
    _delete_=True,
    type='IterBasedTrainLoop',
    max_iters=max_iters,
    val_interval=val_interval)
# Adam without weight decay, as Xie et al.'s code and the protocol (the labs
# report the supervised baseline with and without it: docs/benchmarks.md)
optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=50, start_factor=0.01, by_epoch=False),
    dict(
        type='MultiStepLR',
        begin=0,
        end=max_iters,
        by_epoch=False,
        milestones=[int(max_iters * 0.85)],
        gamma=0.1),
]
default_hooks = dict(
    # val metrics logged at their iteration (the default logs epoch 0)
    logger=dict(type='LoggerHook', interval=25, log_metric_by_epoch=False),
    checkpoint=dict(
        _base_.checkpoint_hook,
        by_epoch=False,
        interval=val_interval,
        max_keep_ckpts=1))
custom_hooks = _base_.safety_hooks
# every semi-supervised quick start measures its students' targets against
# the unlabeled split's hidden keypoints
quick_semi_hooks = _base_.safety_hooks + [_base_.target_accuracy_hook]
log_processor = dict(by_epoch=False, window_size=25)
randomness = dict(seed=0)

# codec and network
codec = dict(
    type='MSRAHeatmap', input_size=(64, 96), heatmap_size=(16, 24), sigma=1.5)
data_preprocessor = dict(
    type='PoseDataPreprocessor',
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    bgr_to_rgb=True)
pose_net = dict(
    type='TopdownPoseEstimator',
    backbone=dict(
        type='ResNet',
        depth=18,
        stem_channels=32,
        base_channels=32,
        strides=(1, 2, 2, 1),
        dilations=(1, 1, 1, 2),
        init_cfg=None),
    head=dict(
        type='HeatmapHead',
        in_channels=256,
        out_channels=17,
        deconv_out_channels=(128, 128),
        deconv_kernel_sizes=(4, 4),
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder=codec),
    test_cfg=dict(flip_test=True, flip_mode='heatmap', shift_heatmap=True),
    data_preprocessor=data_preprocessor)

# the same backbone with a SimCC head (SimCCHead, RTMPose's codec and loss:
# label vectors of 2 bins per pixel, sigma scaled to the crop as the
# patches, 1/3 of RTMPose's 192x256 values); it learns in keypoint space
simcc_codec = dict(
    type='SimCCLabel',
    input_size=(64, 96),
    sigma=(1.63, 1.89),
    simcc_split_ratio=2.0,
    normalize=False)
simcc_net = dict(
    type='TopdownPoseEstimator',
    backbone=pose_net['backbone'],
    head=dict(
        type='SimCCHead',
        in_channels=256,
        out_channels=17,
        input_size=(64, 96),
        in_featuremap_size=(4, 6),
        simcc_split_ratio=2.0,
        deconv_out_channels=None,
        loss=dict(
            type='KLDiscretLoss',
            use_target_weight=True,
            beta=10.,
            label_softmax=True),
        decoder=simcc_codec),
    test_cfg=dict(flip_test=True),
    data_preprocessor=data_preprocessor)

# Multi-level Feature Learning head (n = 2: ResNet stages 3 and 4, which share
# stride 16 here, hence two deconvs per level); `_delete_` lets a child put it
# in place of the plain head, with backbone out_indices=(2, 3)
mfl_head = dict(
    _delete_=True,
    type='MultiLevelHeatmapHead',
    in_channels=(128, 256),
    out_channels=17,
    deconv_out_channels=(128, 128),
    deconv_kernel_sizes=(4, 4),
    level_deconv_layers=(2, 2),
    # predict from the mean of the levels (docs/benchmarks.md: +0.012
    # val AP in lab B, 3 seeds); 'final' exports as a plain HeatmapHead
    test_level='mean',
    loss=dict(type='KeypointMSELoss', use_target_weight=True),
    decoder=codec)
mfl_net = dict(backbone=dict(out_indices=(2, 3)), head=mfl_head)

# the hard-view augmentations of semi_methods.py at this crop size: 64x96 is
# 1/3 of the papers' 192x256, so their 32 px patches are 11 px here (every
# method alike)
patch = 11
keypoint_mix = dict(_base_.keypoint_mix, patch_size=patch)
joint_cutout = dict(_base_.joint_cutout, patch_size=patch)
cut_occlude = dict(_base_.cut_occlude, patch_size=patch, jitter=3.)
cutout = dict(_base_.cutout, patch_size=patch)
cutmix = dict(_base_.cutmix, half_size=(3, 7))
multiaugs_paths = [[cut_occlude, cutout], [joint_cutout, cutmix]]
# what every quick-start method shares: the networks, a supervised burn-in
# with a short ramp, labeled and hard-view crops in one forward (faster on
# the CPU; the paper configs keep Xie et al.'s separate forwards)
burn_in_iters = 300
quick_semi = dict(
    net_f=pose_net,
    net_g=pose_net,
    data_preprocessor=data_preprocessor,
    student_forward='joint',
    unsup_rampup_iters=50,
    burn_in_iters=burn_in_iters)
# EMA horizon 1 / (1 - 0.98) = 50 iterations: a small share of the 700
# post-burn-in iterations (see docs/method.md on choosing the momentum)
quick_reviewer_hooks = [dict(_base_.reviewer_hooks[0], momentum=0.98)]

# data
dataset_type = 'CocoDataset'
data_root = 'data/synthetic/'
# the easy view: top-down crop with mild random flip/rotation/scale
easy_view = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(
        type='RandomBBoxTransform',
        rotate_factor=30,
        scale_factor=(0.75, 1.25)),
    dict(type='TopdownAffine', input_size=codec['input_size']),
]
# the crop keypoints packed too: keypoint-space targets (SimCC networks,
# mixed pairs) encode them in each network's codec
labeled_pipeline = easy_view + [
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs', pack_transformed=True),
]
# the same with Keypoint-Mix at the ground-truth keypoints
# (GroundTruthKeypointMix)
labeled_km_pipeline = easy_view + [
    dict(type='GroundTruthKeypointMix', k=5, patch_size=patch, prob=0.5),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs', pack_transformed=True),
]
# no targets: the unlabeled branch (LabeledUnlabeledDataset marks it); the
# true keypoints (train_full) ride along hidden, for TargetAccuracyHook only
unlabeled_pipeline = easy_view + [
    dict(type='HideKeypoints'),
    dict(type='PackPoseInputs')
]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs'),
]
# top-down crops (MMPose's inferencer reads this variable too)
data_mode = 'topdown'
labeled_dataset = dict(
    type=dataset_type,
    data_root=data_root,
    data_mode=data_mode,
    ann_file='annotations/person_keypoints_labeled.json',
    data_prefix=dict(img='images/'),
    pipeline=labeled_pipeline)
unlabeled_dataset = dict(
    type='UnlabeledPersonDataset',
    data_root=data_root,
    data_mode=data_mode,
    ann_file='annotations/person_keypoints_unlabeled.json',
    hidden_keypoints_file='annotations/person_keypoints_train_full.json',
    data_prefix=dict(img='images/'),
    pipeline=unlabeled_pipeline)
val_dataloader = dict(
    batch_size=64,
    num_workers=1,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False, round_up=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_mode=data_mode,
        ann_file='annotations/person_keypoints_val.json',
        data_prefix=dict(img='images/'),
        test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(
    type='CocoMetric',
    ann_file=data_root + 'annotations/person_keypoints_val.json')
test_evaluator = val_evaluator

# the semi-supervised training set: 16 labeled + 16 unlabeled crops per batch
semi_train_dataloader = dict(
    batch_size=32,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(
        type='LabeledUnlabeledSampler', num_labeled=16, num_unlabeled=16),
    dataset=dict(
        type='LabeledUnlabeledDataset',
        labeled=labeled_dataset,
        unlabeled=unlabeled_dataset))
