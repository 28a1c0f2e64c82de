# Runtime of every paper config (COCO, MPII): the training protocol of Xie et
# al.'s released code, which the TRS paper follows "for a fair comparison"
# (docs/reproduce.md), on the methods of semi_methods.py (TRS by default).
# Data, networks and metrics come from a dataset base (coco_256x192.py,
# mpii_256x256.py). What a config really runs:
#   python tools/analysis/protocol_card.py CONFIG
_base_ = ['mmpose::_base_/default_runtime.py', './semi_methods.py']

# ---- batch: 4 GPUs x (8 labeled + 8 unlabeled: the dataset bases' sampler)
# with SyncBN, so that every BatchNorm normalises over 32 crops as on Xie et
# al.'s single GPU with 32 + 32 (the same protocol; 1 GPU: docs/reproduce.md)
num_gpus = 4
sync_bn = 'torch'

# ---- schedule, in epochs of the mixed stream (one pass over the larger
# source, e.g. 149,813 COCO instances / 32 = 4,682 iterations); the family
# configs set expected_sizes, the sizes of their splits
train_cfg = dict(
    _base_.semi_train_cfg, _delete_=True, max_epochs=100, val_interval=1)
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
        _base_.checkpoint_hook,
        by_epoch=False,
        interval=5000,
        max_keep_ckpts=3,
        rule='greater'))
log_processor = dict(by_epoch=False)
custom_hooks = _base_.safety_hooks + _base_.reviewer_hooks
val_cfg = _base_.semi_val_cfg
test_cfg = _base_.semi_test_cfg
