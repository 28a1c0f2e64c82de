# Table V: MPII 1K labeled + 10K unlabeled MPII samples (disjoint), PCKh@0.5.
# Paper: 79.1 (Dual 75.4).
_base_ = ['./trs_res18_mpii-10k_aic-100k_256x256.py']

train_dataloader = dict(dataset=_base_.mpii_1k_split)
expected_sizes = _base_.mpii_1k_sizes
