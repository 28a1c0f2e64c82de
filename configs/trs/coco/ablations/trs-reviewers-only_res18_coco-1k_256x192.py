# Table VI: reviewers only (no MFL, no KM). Paper 1K/5K/10K: 45.7/56.9/60.6.
# 5K/10K rows: add --cfg-options with the 5k/10k split files (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(net_f={{_base_.res18_plain}}, net_g={{_base_.res18_plain}},
             pre_affine_aug=None)
