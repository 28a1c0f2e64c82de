# Supervised-only RTMPose-m beside the COCO 1K RTMPose rows (our protocol,
# no paper row): the 1K labeled split only, with the rows' networks,
# augmentation (both stages), AdamW, warm-up, cosine, EMA and length (as
# many iterations as their 100 epochs), 32 labeled crops per step (4 GPUs x
# 8, SyncBN).
_base_ = ['../_base_/rtmpose_coco_256x192.py']

# one epoch of the semi-supervised rows' stream (149,813 / 32)
epoch_iters = 4682
expected_sizes = dict(labeled=1000)
model = dict(
    _base_.rtmpose_m,
    _delete_=True,
    data_preprocessor=_base_.data_preprocessor)
train_dataloader = dict(
    _base_.supervised_loader, dataset=_base_.labeled_dataset)
train_cfg = dict(
    _delete_=True,
    type='IterBasedTrainLoop',
    max_iters=_base_.max_epochs * epoch_iters,
    val_interval=epoch_iters)
param_scheduler = [
    _base_.param_scheduler[0],
    dict(
        type='CosineAnnealingLR',
        eta_min=_base_.base_lr * 0.05,
        begin=_base_.max_epochs // 2 * epoch_iters,
        end=_base_.max_epochs * epoch_iters,
        T_max=_base_.max_epochs // 2 * epoch_iters,
        by_epoch=False)
]
# the rows' stage 2 (epochs of their stream) and MMEngine's EMAHook
custom_hooks = _base_.safety_hooks + [
    dict(
        type='SemiPipelineSwitchHook',
        switch_epoch=_base_.max_epochs - _base_.stage2_epochs,
        epoch_iters=epoch_iters,
        switch_pipeline=_base_.labeled_pipeline_stage2),
    dict(_base_.networks_ema, type='EMAHook')
]
val_cfg = dict(_delete_=True)
test_cfg = dict(_delete_=True)
default_hooks = dict(checkpoint=dict(save_best='coco/AP'))
