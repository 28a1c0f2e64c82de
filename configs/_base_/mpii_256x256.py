# MPII data and networks of the paper configs (Tables IV and V): 256x256 input,
# 16 MPII joints, heatmaps 64x64 with sigma 2, boxes from MPII's centre/scale
# padded 1.25 (as Xie et al. and MMPose), the COCO family's easy view, PCKh@0.5
# on MPII val. The paper's text does not name the backbone of these tables
# (lost with them): ResNet-18, as in its other ablations. Used with
# semi_runtime.py; splits: docs/reproduce.md.
codec = dict(
    type='MSRAHeatmap', input_size=(256, 256), heatmap_size=(64, 64), sigma=2)
data_preprocessor = dict(
    type='PoseDataPreprocessor',
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    bgr_to_rgb=True)
dataset_info = dict(from_file='configs/_base_/datasets/mpii.py')

# ImageNet weights; g may have its own (docs/reproduce.md):
# --cfg-options model.net_g.backbone.init_cfg.checkpoint=PATH
res18_mfl = dict(
    type='TopdownPoseEstimator',
    backbone=dict(
        type='ResNet',
        depth=18,
        out_indices=(2, 3),
        init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet18')),
    head=dict(
        type='MultiLevelHeatmapHead',
        in_channels=(256, 512),
        out_channels=16,
        # predict from the mean of the levels (docs/benchmarks.md: +0.012
        # val AP in lab B, 3 seeds); 'final' exports as a plain HeatmapHead
        test_level='mean',
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder=codec),
    test_cfg=dict(flip_test=False, flip_mode='heatmap', shift_heatmap=True))
res18_plain = dict(
    res18_mfl,
    backbone=dict(res18_mfl['backbone'], out_indices=(3, )),
    head=dict(
        type='HeatmapHead',
        in_channels=512,
        out_channels=16,
        loss=res18_mfl['head']['loss'],
        decoder=codec))

easy_view = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(
        type='ClippedNormalBBoxTransform',
        scale_std=0.25,
        scale_bounds=(0.75, 1.25),
        rotate_std=30,
        rotate_bound=60,
        rotate_prob=0.6,
        shift_prob=0),
    dict(type='TopdownAffine', input_size=codec['input_size']),
]
labeled_pipeline = easy_view + [
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs')
]
unlabeled_pipeline = easy_view + [dict(type='PackPoseInputs')]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs'),
]
mpii_root = 'data/mpii/'
# top-down crops (MMPose's inferencer reads this variable too)
data_mode = 'topdown'
labeled_dataset = dict(
    type='MpiiDataset',
    data_root=mpii_root,
    data_mode=data_mode,
    ann_file='annotations/splits/mpii_10k_labeled.json',
    data_prefix=dict(img='images/'),
    pipeline=labeled_pipeline)
# AI Challenger person boxes (tools/split_coco.py --protocol unlabeled)
unlabeled_dataset = dict(
    type='UnlabeledPersonDataset',
    data_root='data/aic/',
    data_mode=data_mode,
    metainfo=dataset_info,
    ann_file='annotations/splits/aic_100k_unlabeled.json',
    data_prefix=dict(img='ai_challenger_keypoint_train_20170902/'
                     'keypoint_train_images_20170902/'),
    pipeline=unlabeled_pipeline)
# Table V's split (tools/split_coco.py --format mpii): MPII 1K labeled + 10K
# unlabeled MPII samples, as a change of the two sources by name
mpii_1k_split = dict(
    labeled=dict(ann_file='annotations/splits/mpii_1k_labeled.json'),
    unlabeled=dict(
        data_root=mpii_root,
        ann_file='annotations/splits/mpii_1k_unlabeled.json',
        data_prefix=dict(img='images/')))
mpii_1k_sizes = dict(labeled=1000, unlabeled=10000)
train_dataloader = dict(
    batch_size=16,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(
        type='LabeledUnlabeledSampler', num_labeled=8, num_unlabeled=8),
    # labeled and unlabeled by name: a child changes one with, e.g.,
    # train_dataloader = dict(dataset=dict(labeled=dict(ann_file=...)))
    dataset=dict(
        type='LabeledUnlabeledDataset',
        labeled=labeled_dataset,
        unlabeled=unlabeled_dataset))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False, round_up=False),
    dataset=dict(
        type='MpiiDataset',
        data_root=mpii_root,
        data_mode=data_mode,
        ann_file='annotations/mpii_val.json',
        headbox_file=mpii_root + 'annotations/mpii_gt_val.mat',
        data_prefix=dict(img='images/'),
        test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='MpiiPCKAccuracy')
test_evaluator = val_evaluator
