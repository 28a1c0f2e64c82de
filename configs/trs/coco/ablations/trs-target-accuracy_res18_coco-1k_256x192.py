# The COCO 1K TRS main config, measuring its students' targets: the
# unlabeled pool keeps train2017's keypoints hidden (HideKeypoints), and
# TargetAccuracyHook logs every 50 iterations the PCK@0.05 and pixel error
# of each guide (teacher, reviewer, the f/g ensemble) in each student's hard
# frame. Training is that of the main config (the hidden keypoints reach no
# loss).
_base_ = ['../trs_res18_coco-1k_256x192.py']

train_dataloader = dict(
    dataset=dict(
        unlabeled=dict(_base_.unlabeled_hidden_dataset, _delete_=True)))
custom_hooks = _base_.custom_hooks + [_base_.target_accuracy_hook]
