# Table VIII: Keypoint-Mix with k = 3. Paper: 50.2 (k = 5: 50.9).
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(pre_affine_aug=dict(k=3))
