# Table IX: Cutout instead of Keypoint-Mix. Paper: 47.4.
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(
    pre_affine_aug=dict(
        _delete_=True, type='RandomCutout', num=1, patch_size=32))
