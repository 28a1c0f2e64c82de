# COCO data and networks of the paper configs (256x192, 17 keypoints), as Xie
# et al.: ground-truth boxes padded 1.25, heatmaps 64x48 with sigma 2, easy
# view = labeled augmentation, evaluation on val2017 with ground-truth boxes
# and no flip test. Used with semi_runtime.py; data layout and splits:
# docs/reproduce.md.
codec = dict(
    type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)
data_preprocessor = dict(
    type='PoseDataPreprocessor',
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    bgr_to_rgb=True)

# ---- networks: SimpleBaseline with MFL (n = 2: ResNet C4 + C5), ImageNet
# weights. Xie et al.'s ResNet-18 checkpoint can hold separate weights for
# their two networks (very likely two different ImageNet ResNet-18s): give g
# its own with --cfg-options model.net_g.backbone.init_cfg.checkpoint=PATH
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
        out_channels=17,
        # predict from the mean of the levels (docs/benchmarks.md: +0.012
        # val AP in lab B, 3 seeds); 'final' exports as a plain HeatmapHead
        test_level='mean',
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder=codec),
    test_cfg=dict(flip_test=False, flip_mode='heatmap', shift_heatmap=True))
res50_backbone = dict(
    depth=50,
    init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet50'))
res50_mfl = dict(
    res18_mfl,
    backbone=dict(res18_mfl['backbone'], **res50_backbone),
    head=dict(res18_mfl['head'], in_channels=(1024, 2048)))
# the same networks with a plain HeatmapHead (no MFL), for Dual, supervised
# and ablations (put `_delete_=True` in a child that replaces an MFL network)
plain_head = dict(
    type='HeatmapHead',
    out_channels=17,
    loss=dict(type='KeypointMSELoss', use_target_weight=True),
    decoder=codec)
res18_plain = dict(
    res18_mfl,
    backbone=dict(res18_mfl['backbone'], out_indices=(3, )),
    head=dict(plain_head, in_channels=512))
res50_plain = dict(
    res18_mfl,
    backbone=dict(res50_mfl['backbone'], out_indices=(3, )),
    head=dict(plain_head, in_channels=2048))

# ---- data. Easy view = labeled augmentation (Xie et al.): flip 0.5, scale
# clip(N(1, .25), .75, 1.25), rotation clip(N(0, 30), +-60) with p 0.6, no
# shift, no half-body
data_root = 'data/coco/'
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
# top-down crops (MMPose's inferencer reads this variable too)
data_mode = 'topdown'
# splits: tools/split_coco.py --protocol xie (docs/reproduce.md)
labeled_dataset = dict(
    type='CocoDataset',
    data_root=data_root,
    data_mode=data_mode,
    ann_file='annotations/splits/coco_1k_labeled.json',
    data_prefix=dict(img='train2017/'),
    pipeline=labeled_pipeline)
unlabeled_dataset = dict(
    type='UnlabeledPersonDataset',
    data_root=data_root,
    data_mode=data_mode,
    ann_file='annotations/splits/coco_1k_unlabeled.json',
    data_prefix=dict(img='train2017/'),
    pipeline=unlabeled_pipeline)
# the unlabeled pool with its hidden truth (train2017's keypoints, matched by
# annotation id; never a loss), for TargetAccuracyHook
unlabeled_hidden_dataset = dict(
    unlabeled_dataset,
    hidden_keypoints_file='annotations/person_keypoints_train2017.json',
    pipeline=easy_view +
    [dict(type='HideKeypoints'),
     dict(type='PackPoseInputs')])
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
# the supervised rows' loader: labeled crops only, 4 GPUs x 8 (a child sets
# its dataset: train_dataloader = dict(supervised_loader, dataset=...))
supervised_loader = dict(
    _delete_=True,
    batch_size=8,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False, round_up=False),
    dataset=dict(
        type='CocoDataset',
        data_root=data_root,
        data_mode=data_mode,
        ann_file='annotations/person_keypoints_val2017.json',
        data_prefix=dict(img='val2017/'),
        test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(
    type='CocoMetric',
    ann_file=data_root + 'annotations/person_keypoints_val2017.json')
test_evaluator = val_evaluator
