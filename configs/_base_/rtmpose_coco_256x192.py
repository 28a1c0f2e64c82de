# RTMPose (Jiang et al. 2023: CSPNeXt backbone, RTMCCHead, SimCC codec,
# KLDiscretLoss) as the networks of semi-supervised COCO rows at 256x192, on
# the paper configs' labeled and unlabeled splits. The protocol is ours (no
# paper trains RTMPose with unlabeled data): docs/reproduce.md, "RTMPose
# rows"; what a config really runs: python tools/analysis/protocol_card.py.
#   - networks: MMPose's RTMPose-t/s/m, the backbone from ImageNet
#     (mmdet's CSPNeXt rsb-a1 weights), NOT from the zoo's
#     cspnext-*_udp-aic-coco checkpoints, which were trained on COCO's
#     keypoints and would leak every train2017 label into a 1K-label row;
#     BN (SyncBN over GPUs by the runtime's sync_bn); no flip test, as the
#     other rows
#   - stream: the TRS rows' (32 labeled + 32 unlabeled crops per step,
#     100 epochs of the mixed stream, 4,682 iterations each at 1K)
#   - RTMPose's optimizer and schedule on it: AdamW at RTMPose's lr scaled
#     to 64 crops per step (4e-3 x 64 / 1024), its weight decay per size,
#     linear warm-up over 1,000 iterations, cosine from the middle to
#     0.05 x lr; RTMPose's stage-2 pipelines for the last 10 epochs (it
#     switches for its last 30 of 420), both sources at once
#   - the easy view (teacher's crop) is RTMPose's train pipeline without
#     GenerateTarget, as `mmpose-trs-config` writes it for any zoo config
_base_ = ['./semi_runtime.py', './coco_256x192.py']

codec = dict(
    type='SimCCLabel',
    input_size=(192, 256),
    sigma=(4.9, 5.66),
    simcc_split_ratio=2.0,
    normalize=False,
    use_dark=False)

# ---- networks: ImageNet CSPNeXt (mmdet's rsb-a1 pre-training)
imagenet_cspnext = ('https://download.openmmlab.com/mmdetection/v3.0/'
                    'rtmdet/cspnext_rsb_pretrain/')
rtmpose_m = dict(
    type='TopdownPoseEstimator',
    backbone=dict(
        _scope_='mmdet',
        type='CSPNeXt',
        arch='P5',
        expand_ratio=0.5,
        deepen_factor=0.67,
        widen_factor=0.75,
        out_indices=(4, ),
        channel_attention=True,
        norm_cfg=dict(type='BN'),
        act_cfg=dict(type='SiLU'),
        init_cfg=dict(
            type='Pretrained',
            prefix='backbone.',
            checkpoint=imagenet_cspnext +
            'cspnext-m_8xb256-rsb-a1-600e_in1k-ecb3bbd9.pth')),
    head=dict(
        type='RTMCCHead',
        in_channels=768,
        out_channels=17,
        input_size=codec['input_size'],
        in_featuremap_size=(6, 8),
        simcc_split_ratio=codec['simcc_split_ratio'],
        final_layer_kernel_size=7,
        gau_cfg=dict(
            hidden_dims=256,
            s=128,
            expansion_factor=2,
            dropout_rate=0.,
            drop_path=0.,
            act_fn='SiLU',
            use_rel_bias=False,
            pos_enc=False),
        loss=dict(
            type='KLDiscretLoss',
            use_target_weight=True,
            beta=10.,
            label_softmax=True),
        decoder=codec),
    test_cfg=dict(flip_test=False))
rtmpose_s = dict(
    rtmpose_m,
    backbone=dict(
        rtmpose_m['backbone'],
        deepen_factor=0.33,
        widen_factor=0.5,
        init_cfg=dict(
            rtmpose_m['backbone']['init_cfg'],
            checkpoint=imagenet_cspnext + 'cspnext-s_imagenet_600e.pth')),
    head=dict(rtmpose_m['head'], in_channels=512))
rtmpose_t = dict(
    rtmpose_m,
    backbone=dict(
        rtmpose_m['backbone'],
        deepen_factor=0.167,
        widen_factor=0.375,
        init_cfg=dict(
            rtmpose_m['backbone']['init_cfg'],
            checkpoint=imagenet_cspnext + 'cspnext-tiny_imagenet_600e.pth')),
    head=dict(rtmpose_m['head'], in_channels=384))
# RTMPose's weight decay per size (its zoo configs): t 0, s 0, m 0.05
weight_decay = dict(t=0., s=0., m=0.05)

# ---- data: RTMPose's two stages of augmentation
albu_stage1 = dict(
    type='Albumentation',
    transforms=[
        dict(type='Blur', p=0.1),
        dict(type='MedianBlur', p=0.1),
        dict(
            type='CoarseDropout',
            max_holes=1,
            max_height=0.4,
            max_width=0.4,
            min_holes=1,
            min_height=0.2,
            min_width=0.2,
            p=1.),
    ])
rtm_view_stage1 = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(
        type='RandomBBoxTransform', scale_factor=[0.6, 1.4], rotate_factor=80),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='mmdet.YOLOXHSVRandomAug'),
    albu_stage1,
]
rtm_view_stage2 = rtm_view_stage1[:4] + [
    dict(
        type='RandomBBoxTransform',
        shift_factor=0.,
        scale_factor=[0.75, 1.25],
        rotate_factor=60),
    rtm_view_stage1[5],
    rtm_view_stage1[6],
    dict(
        albu_stage1,
        transforms=albu_stage1['transforms'][:2] +
        [dict(albu_stage1['transforms'][2], p=0.5)]),
]
# labeled: targets plus the crop keypoints (keypoint-space targets encode
# them in the student's codec); unlabeled: the easy view
target_and_pack = [
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs', pack_transformed=True)
]
labeled_pipeline = rtm_view_stage1 + target_and_pack
labeled_pipeline_stage2 = rtm_view_stage2 + target_and_pack
unlabeled_pipeline = rtm_view_stage1 + [dict(type='PackPoseInputs')]
unlabeled_pipeline_stage2 = rtm_view_stage2 + [dict(type='PackPoseInputs')]
labeled_dataset = dict(_base_.labeled_dataset, pipeline=labeled_pipeline)
unlabeled_dataset = dict(_base_.unlabeled_dataset, pipeline=unlabeled_pipeline)
# with hidden truth: RandomHalfBody would choose crops from hidden labels
unlabeled_hidden_dataset = dict(
    _base_.unlabeled_hidden_dataset,
    pipeline=[t for t in rtm_view_stage1 if t['type'] != 'RandomHalfBody'] +
    [dict(type='HideKeypoints'),
     dict(type='PackPoseInputs')])
train_dataloader = dict(
    dataset=dict(labeled=labeled_dataset, unlabeled=unlabeled_dataset))

# ---- optimizer and schedule: RTMPose's, on the TRS rows' stream
max_epochs = 100
stage2_epochs = 10
base_lr = 4e-3 * 64 / 1024
optim_wrapper = dict(
    _delete_=True,
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=base_lr, weight_decay=weight_decay['m']),
    paramwise_cfg=dict(
        norm_decay_mult=0, bias_decay_mult=0, bypass_duplicate=True))
param_scheduler = [
    dict(
        type='LinearLR',
        start_factor=1.0e-5,
        by_epoch=False,
        begin=0,
        end=1000),
    dict(
        type='CosineAnnealingLR',
        eta_min=base_lr * 0.05,
        begin=max_epochs // 2,
        end=max_epochs,
        T_max=max_epochs // 2,
        by_epoch=True,
        convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
# RTMPose's stage 2 for both sources at one epoch; RTMPose's EMA (s, m) of
# the trained networks only, never the reviewers (docs/method.md)
stage2_switch = dict(
    type='SemiPipelineSwitchHook',
    switch_epoch=max_epochs - stage2_epochs,
    switch_pipeline=labeled_pipeline_stage2,
    unlabeled_pipeline=unlabeled_pipeline_stage2)
networks_ema = dict(
    type='NetworksEMAHook',
    ema_type='ExpMomentumEMA',
    momentum=0.0002,
    update_buffers=True,
    priority=49)
custom_hooks = _base_.safety_hooks + _base_.reviewer_hooks + [
    stage2_switch, networks_ema
]
# the validation crops of RTMPose (no flip test: test_cfg above)
val_dataloader = dict(dataset=dict(pipeline=_base_.val_pipeline))

# ---- the rows (configs/trs/coco/rtmpose/, configs/supervised/rtmpose-*),
# each directly on this base: a row picks a network, a split, a method
# the 5K and 10K splits (the 1K ones are the dataset base's)
split_5k = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
split_10k = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_10k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_10k_unlabeled.json')))
# Dual networks: no ReviewerEMAHook (RTMPose-t rows drop the last hook, the
# EMA, as RTMPose-t does)
dual_hooks = _base_.safety_hooks + [stage2_switch, networks_ema]
# supervised rows: labeled crops only, as many iterations as the semi rows'
# 100 epochs of their stream (149,813 / 32 = 4,682 iterations each), the
# same warm-up, cosine, stage 2 and (MMEngine's) EMA
stream_epoch_iters = 4682
supervised_train_cfg = dict(
    _delete_=True,
    type='IterBasedTrainLoop',
    max_iters=max_epochs * stream_epoch_iters,
    val_interval=stream_epoch_iters)
supervised_schedule = [
    param_scheduler[0],
    dict(
        type='CosineAnnealingLR',
        eta_min=base_lr * 0.05,
        begin=max_epochs // 2 * stream_epoch_iters,
        end=max_epochs * stream_epoch_iters,
        T_max=max_epochs // 2 * stream_epoch_iters,
        by_epoch=False)
]
supervised_hooks = _base_.safety_hooks + [
    dict(
        type='SemiPipelineSwitchHook',
        switch_epoch=max_epochs - stage2_epochs,
        epoch_iters=stream_epoch_iters,
        switch_pipeline=labeled_pipeline_stage2),
    dict(networks_ema, type='EMAHook')
]
