# Table VI: reviewers + MFL (no KM). Paper: 47.3/58.2/61.3.
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(pre_affine_aug=None)
