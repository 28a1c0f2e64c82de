# Table V: MPII 1K labeled + 10K unlabeled MPII samples (disjoint), PCKh@0.5.
# Paper: 79.1 (Dual 75.4).
_base_ = ['./trs_res18_mpii-10k_aic-100k_256x256.py']

train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/mpii_1k_labeled.json'),
        unlabeled=dict(
            data_root=_base_.mpii_root,
            ann_file='annotations/splits/mpii_1k_unlabeled.json',
            data_prefix=dict(img='images/'))))
train_cfg = dict(expected_sizes=dict(labeled=1000, unlabeled=10000))
