# Supervised-only RTMPose-s, COCO 10K labeled, beside its RTMPose rows
# (our protocol, no paper row).
_base_ = ['../_base_/rtmpose_coco_256x192.py']

# one epoch of the semi-supervised rows' stream (read by the card)
epoch_iters = _base_.stream_epoch_iters
expected_sizes = dict(labeled=10000)
model = dict(
    _base_.rtmpose_s,
    _delete_=True,
    data_preprocessor=_base_.data_preprocessor)
optim_wrapper = dict(optimizer=dict(weight_decay=_base_.weight_decay['s']))
train_dataloader = dict(
    _base_.supervised_loader,
    dataset=dict(
        _base_.labeled_dataset,
        ann_file='annotations/splits/coco_10k_labeled.json'))
train_cfg = _base_.supervised_train_cfg
param_scheduler = _base_.supervised_schedule
custom_hooks = _base_.supervised_hooks
val_cfg = dict(_delete_=True)
test_cfg = dict(_delete_=True)
default_hooks = dict(checkpoint=dict(save_best='coco/AP'))
