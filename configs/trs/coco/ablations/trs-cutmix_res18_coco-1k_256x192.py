# Table IX: CutMix instead of Keypoint-Mix (MultiAugs' setting: 2
# rectangles of another crop, half-sides 10-19 px). Paper: 49.6.
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(
    pre_affine_aug=dict(
        _delete_=True, type='RandomCutMix', num=2, half_size=(10, 20)))
