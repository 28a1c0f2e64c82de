# Table IX: Joint Cutout instead of Keypoint-Mix. Paper: 49.6 (KM: 50.9).
# 5K/10K rows: --cfg-options with the 5k/10k split files and
# expected_sizes.labeled (docs/reproduce.md).
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(
    pre_affine_aug=dict(
        _delete_=True,
        type='TeacherJointCutout',
        k=5,
        patch_size=32,
        score_thr=0.1))
