# MPII semi-supervised setting (paper Tables IV and V): 256x256 input, 16 MPII
# joints, MPII labeled samples + unlabeled person boxes (AI Challenger or MPII),
# Adam lr 1e-3, PCKh@0.5 on MPII val. The paper's text does not state the
# backbone of these tables (lost with them); ResNet-18 here, as in its other
# ablations (ResNet-50: use the COCO family's res50 settings).
_base_ = ['./semi_coco_256x192.py']

dataset_info = dict(from_file='configs/_base_/datasets/mpii.py')
num_unlabeled = 100000
epoch_iters = num_unlabeled // (_base_.unlabeled_per_gpu *
                                _base_.num_gpus)
max_epochs = 100
train_cfg = dict(max_iters=max_epochs * epoch_iters,
                 val_interval=5 * epoch_iters)
param_scheduler = [
    dict(type='LinearLR', begin=0, end=500, start_factor=0.001,
         by_epoch=False),
    dict(type='MultiStepLR', begin=0, end=max_epochs * epoch_iters,
         by_epoch=False, milestones=[70 * epoch_iters, 90 * epoch_iters],
         gamma=0.1),
]
default_hooks = dict(checkpoint=dict(interval=epoch_iters,
                                     save_best='fg_mean/PCKh', rule='greater'))

codec = dict(type='MSRAHeatmap', input_size=(256, 256), heatmap_size=(64, 64),
             sigma=2)
mpii_res18_mfl = dict(
    _base_.res18_mfl,
    head=dict(_base_.res18_mfl['head'], out_channels=16, decoder=codec))
model = dict(
    type='TRSPoseEstimator',
    net_f=mpii_res18_mfl,
    net_g=mpii_res18_mfl,
    data_preprocessor={{_base_.data_preprocessor}},
    unsup_weight=0.5,
    hard_view=dict(type='HardViewAffine', rot_factor=30, scale_factor=0.25,
                   rot_prob=0.8),
    pre_affine_aug=dict(type='KeypointMixAug', k=5, patch_size=32,
                        score_thr=0.1))

easy_view = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale', padding=1.0),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomBBoxTransform', shift_prob=0, rotate_factor=30,
         scale_factor=(0.75, 1.25)),
    dict(type='TopdownAffine', input_size=codec['input_size']),
]
labeled_pipeline = easy_view + [dict(type='GenerateTarget', encoder=codec),
                                dict(type='PackPoseInputs')]
unlabeled_pipeline = easy_view + [dict(type='PackPoseInputs')]
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale', padding=1.0),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs'),
]
mpii_root = 'data/mpii/'
train_dataloader = dict(dataset=dict(
    _delete_=True,
    type='ConcatDataset',
    # the unlabeled COCO-style file adds category names (CLASSES)
    ignore_keys=['CLASSES'],
    datasets=[
        dict(type='MpiiDataset', data_root=mpii_root, data_mode='topdown',
             ann_file='annotations/splits/mpii_10k_labeled.json',
             data_prefix=dict(img='images/'), pipeline=labeled_pipeline),
        dict(type='UnlabeledPersonDataset', data_root='data/aic/',
             data_mode='topdown', metainfo=dataset_info,
             ann_file='annotations/splits/aic_100k_unlabeled.json',
             data_prefix=dict(img='ai_challenger_keypoint_train_20170902/'
                              'keypoint_train_images_20170902/'),
             pipeline=unlabeled_pipeline),
    ]))
val_dataloader = dict(dataset=dict(
    _delete_=True, type='MpiiDataset', data_root=mpii_root,
    data_mode='topdown', ann_file='annotations/mpii_val.json',
    headbox_file=mpii_root + 'annotations/mpii_gt_val.mat',
    data_prefix=dict(img='images/'), test_mode=True, pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(_delete_=True, type='MpiiPCKAccuracy')
test_evaluator = val_evaluator
