# Table V, Dual networks (Xie et al.): no reviewers, no MFL, Joint Cutout at
# every teacher keypoint. Paper: 75.4.
_base_ = ['./dual_res18_mpii-10k_aic-100k_256x256.py']

train_dataloader = dict(dataset=_base_.mpii_1k_split)
expected_sizes = _base_.mpii_1k_sizes
