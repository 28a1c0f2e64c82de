# Supervised-only baseline on the labeled split of the synthetic dataset:
# plain MMPose (TopdownPoseEstimator), same network, schedule and labeled batch
# as the TRS quick start.
_base_ = ['../_base_/synthetic_quickstart.py']

model = dict(_base_.pose_net, _delete_=True)
train_dataloader = dict(
    batch_size=16,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=_base_.labeled_dataset)
default_hooks = dict(checkpoint=dict(save_best='coco/AP', rule='greater'))
