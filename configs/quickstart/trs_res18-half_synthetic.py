# TRS on the synthetic dataset: 16 labeled + 16 unlabeled crops per batch,
# supervised burn-in, then f/g teach each other with EMA reviewers; the hard
# view is the affine alone (Keypoint-Mix and MFL: trs-mfl-km_*.py).
_base_ = ['../_base_/synthetic_quickstart.py']

model = dict(_base_.quick_semi, pre_affine_aug=None)
train_dataloader = _base_.semi_train_dataloader
custom_hooks = _base_.quick_semi_hooks + _base_.quick_reviewer_hooks
val_cfg = _base_.semi_val_cfg
test_cfg = _base_.semi_test_cfg
default_hooks = dict(
    checkpoint=dict(save_best='fg_mean/coco/AP', rule='greater'))
