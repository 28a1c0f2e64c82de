# Supervised-only baseline beside the COCO 1K rows of Table II (paper: 31.5
# AP, Xie et al.'s number): the ResNet-18 SimpleBaseline on the 1K labeled
# split only, with the semi-supervised rows' protocol: 32 labeled crops per
# step (4 GPUs x 8, SyncBN), the same augmentation, Adam without weight
# decay, and as many iterations as TRS's 100 epochs (x0.1 at 70 and 90).
_base_ = ['../_base_/semi_runtime.py', '../_base_/coco_256x192.py']

# one epoch of the semi-supervised rows' stream (149,813 / 32)
epoch_iters = 4682
# the split's size (checked by StartupCheckHook; read by the card)
expected_sizes = dict(labeled=1000)
# a plain TopdownPoseEstimator in place of the runtime's TRS model
model = dict(
    _base_.res18_plain,
    _delete_=True,
    data_preprocessor=_base_.data_preprocessor)
train_dataloader = dict(
    _base_.supervised_loader, dataset=_base_.labeled_dataset)
train_cfg = dict(
    _delete_=True,
    type='IterBasedTrainLoop',
    max_iters=100 * epoch_iters,
    val_interval=epoch_iters)
param_scheduler = [
    dict(
        type='MultiStepLR',
        by_epoch=False,
        milestones=[70 * epoch_iters, 90 * epoch_iters],
        gamma=0.1)
]
auto_scale_lr = dict(base_batch_size=32)
custom_hooks = _base_.safety_hooks
val_cfg = dict(_delete_=True)
test_cfg = dict(_delete_=True)
default_hooks = dict(checkpoint=dict(save_best='coco/AP'))
