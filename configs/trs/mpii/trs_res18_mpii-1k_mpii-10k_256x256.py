# Table V: MPII 1K labeled + 10K unlabeled MPII samples (disjoint), PCKh@0.5.
# Paper: 79.1 (Dual 75.4).
_base_ = ['../../_base_/semi_mpii_256x256.py']

num_unlabeled = 10000
epoch_iters = num_unlabeled // (_base_.unlabeled_per_gpu *
                                _base_.num_gpus)
train_cfg = dict(max_iters=100 * epoch_iters, val_interval=5 * epoch_iters)
param_scheduler = [
    dict(type='LinearLR', begin=0, end=500, start_factor=0.001,
         by_epoch=False),
    dict(type='MultiStepLR', begin=0, end=100 * epoch_iters, by_epoch=False,
         milestones=[70 * epoch_iters, 90 * epoch_iters], gamma=0.1),
]
default_hooks = dict(checkpoint=dict(interval=epoch_iters))
train_dataloader = _base_.train_dataloader
train_dataloader['dataset']['datasets'][0]['ann_file'] = \
    'annotations/splits/mpii_1k_labeled.json'
train_dataloader['dataset']['datasets'][1] = dict(
    type='UnlabeledPersonDataset', data_root=_base_.mpii_root,
    data_mode='topdown', metainfo=_base_.dataset_info,
    ann_file='annotations/splits/mpii_1k_unlabeled.json',
    data_prefix=dict(img='images/'), pipeline=_base_.unlabeled_pipeline)
