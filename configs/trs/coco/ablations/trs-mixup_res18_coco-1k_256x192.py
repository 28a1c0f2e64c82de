# Table IX: Mixup instead of Keypoint-Mix (MultiAugs' setting: the crop keeps
# at least 75 %, Beta(0.2, 0.2)). Paper: 46.2.
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(
    pre_affine_aug=dict(
        _delete_=True, type='RandomMixup', alpha=0.2, max_share=0.25))
