# Ceiling: the same supervised model trained on all labels (labeled +
# unlabeled split with their ground truth), for the dataset-difficulty check.
_base_ = ['./supervised_res18-half_synthetic-labeled.py']

train_dataloader = dict(
    dataset=dict(ann_file='annotations/person_keypoints_train_full.json'))
