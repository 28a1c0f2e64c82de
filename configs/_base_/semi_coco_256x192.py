# COCO semi-supervised setting of the paper (section V-B; Xie et al.'s
# protocol): 256x192 input, labeled split + unlabeled person boxes, Adam lr
# 1e-3, x0.1 at epochs 70 and 90 of 100, ground-truth boxes and no flip test
# for evaluation. Data layout: docs/reproduce.md.
_base_ = ['mmpose::_base_/default_runtime.py']
custom_imports = dict(imports=['mmpose_trs'], allow_failed_imports=False)

# ---- schedule: "epochs" of the unlabeled stream, as Xie et al. count them
# (149,813 valid COCO train2017 person instances / 32 unlabeled per batch)
num_gpus = 4
labeled_per_gpu = 8
unlabeled_per_gpu = 8
epoch_iters = 149813 // (unlabeled_per_gpu * num_gpus)
max_epochs = 100
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop',
                 max_iters=max_epochs * epoch_iters,
                 val_interval=5 * epoch_iters)
optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-3, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=500, start_factor=0.001,
         by_epoch=False),
    dict(type='MultiStepLR', begin=0, end=max_epochs * epoch_iters,
         by_epoch=False, milestones=[70 * epoch_iters, 90 * epoch_iters],
         gamma=0.1),
]
# lr 1e-3 is for 32 + 32 crops per step; fewer GPUs: --auto-scale-lr
auto_scale_lr = dict(base_batch_size=(labeled_per_gpu + unlabeled_per_gpu) *
                     num_gpus)
default_hooks = dict(
    # val metrics logged at their iteration (the default logs epoch 0)
    logger=dict(type='LoggerHook', interval=50,
                log_metric_by_epoch=False),
    checkpoint=dict(type='AtomicCheckpointHook', by_epoch=False,
                    interval=epoch_iters, max_keep_ckpts=3,
                    save_best='fg_mean/coco/AP', rule='greater'))
log_processor = dict(by_epoch=False)
safety_hooks = [dict(type='StartupCheckHook'), dict(type='NonFiniteLossHook'),
                dict(type='ExactResumeHook')]
custom_hooks = safety_hooks + [dict(type='ReviewerEMAHook', momentum=0.999)]
val_cfg = dict(type='MultiNetValLoop')
test_cfg = dict(type='MultiNetTestLoop')

# ---- codec, networks
codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64),
             sigma=2)
data_preprocessor = dict(
    type='PoseDataPreprocessor', mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375], bgr_to_rgb=True)
# SimpleBaseline with MFL (n = 2: ResNet C4 + C5), ImageNet-pretrained
res18_mfl = dict(
    type='TopdownPoseEstimator',
    backbone=dict(type='ResNet', depth=18, out_indices=(2, 3),
                  init_cfg=dict(type='Pretrained',
                                checkpoint='torchvision://resnet18')),
    head=dict(type='MultiLevelHeatmapHead', in_channels=(256, 512),
              out_channels=17,
              loss=dict(type='KeypointMSELoss', use_target_weight=True),
              decoder=codec),
    test_cfg=dict(flip_test=False, flip_mode='heatmap', shift_heatmap=True))
res50_backbone = dict(depth=50, init_cfg=dict(
    type='Pretrained', checkpoint='torchvision://resnet50'))
res50_mfl = dict(res18_mfl,
                 backbone=dict(res18_mfl['backbone'], **res50_backbone),
                 head=dict(res18_mfl['head'], in_channels=(1024, 2048)))
# the same networks with a plain HeatmapHead (no MFL), for Dual and ablations
# (`_delete_`: they replace an MFL network instead of merging into it)
plain_head = dict(type='HeatmapHead', out_channels=17,
                  loss=dict(type='KeypointMSELoss', use_target_weight=True),
                  decoder=codec)
res18_plain = dict(res18_mfl, _delete_=True,
                   backbone=dict(res18_mfl['backbone'], out_indices=(3, )),
                   head=dict(plain_head, in_channels=512))
res50_plain = dict(res18_mfl, _delete_=True,
                   backbone=dict(res50_mfl['backbone'], out_indices=(3, )),
                   head=dict(plain_head, in_channels=2048))

# ---- data
data_root = 'data/coco/'
easy_view = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(type='RandomBBoxTransform', rotate_factor=30, scale_factor=(0.75,
                                                                      1.25)),
    dict(type='TopdownAffine', input_size=codec['input_size']),
]
labeled_pipeline = easy_view + [dict(type='GenerateTarget', encoder=codec),
                                dict(type='PackPoseInputs')]
unlabeled_pipeline = [t for t in easy_view if t['type'] != 'RandomHalfBody'
                      ] + [dict(type='PackPoseInputs')]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs'),
]
labeled_dataset = dict(
    type='CocoDataset', data_root=data_root, data_mode='topdown',
    ann_file='annotations/splits/coco_1k_labeled.json',
    data_prefix=dict(img='train2017/'), pipeline=labeled_pipeline)
unlabeled_dataset = dict(
    type='UnlabeledPersonDataset', data_root=data_root, data_mode='topdown',
    ann_file='annotations/splits/coco_1k_unlabeled.json',
    data_prefix=dict(img='train2017/'), pipeline=unlabeled_pipeline)
train_dataloader = dict(
    batch_size=labeled_per_gpu + unlabeled_per_gpu, num_workers=4,
    persistent_workers=True,
    sampler=dict(type='LabeledUnlabeledSampler', num_labeled=labeled_per_gpu,
                 num_unlabeled=unlabeled_per_gpu),
    dataset=dict(type='ConcatDataset',
                 datasets=[labeled_dataset, unlabeled_dataset]))
val_dataloader = dict(
    batch_size=32, num_workers=2, persistent_workers=True, drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False, round_up=False),
    dataset=dict(
        type='CocoDataset', data_root=data_root, data_mode='topdown',
        ann_file='annotations/person_keypoints_val2017.json',
        data_prefix=dict(img='val2017/'), test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(
    type='CocoMetric',
    ann_file=data_root + 'annotations/person_keypoints_val2017.json')
test_evaluator = val_evaluator
