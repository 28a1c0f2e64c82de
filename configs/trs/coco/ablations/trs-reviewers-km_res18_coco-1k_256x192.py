# Table VI: reviewers + KM (no MFL); also Table VII n = 1. Paper: 48.4/58.6/61.8.
# 5K/10K rows: add --cfg-options with the 5k/10k split files (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(net_f={{_base_.res18_plain}}, net_g={{_base_.res18_plain}})
