# Table IX: SSPCM's Cut-Occlude (SSCO) instead of Keypoint-Mix, at the
# teacher's keypoints (k = 2, jitter 10 px, 32 px patches). Paper: 50.1.
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(
    pre_affine_aug=dict(
        _delete_=True,
        type='TeacherCutOcclude',
        k=2,
        patch_size=32,
        jitter=10.))
