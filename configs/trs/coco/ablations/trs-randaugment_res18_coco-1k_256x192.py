# Table IX: RandAugment instead of Keypoint-Mix: photometric operations only
# (the hard-view affine supplies the geometry), N = 2 at M = 9. Paper: 49.5.
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(
    pre_affine_aug=dict(
        _delete_=True, type='BatchRandAugment', num_ops=2, magnitude=9))
