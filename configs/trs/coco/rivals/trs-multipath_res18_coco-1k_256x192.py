# TRS (reviewers + MFL) with two hard views per crop: Keypoint-Mix, and
# MultiAugs' Joint Cutout + CutMix, trained against the same teacher and
# reviewer targets. Not a paper row: this plugin's combination.
_base_ = ['../trs_res18_coco-1k_256x192.py']

model = dict(
    pre_affine_aug=None,
    hard_paths=[[_base_.model.pre_affine_aug], _base_.multiaugs_paths[1]])
