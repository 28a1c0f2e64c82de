# Supervised-only baseline of Table II, inheriting MMPose's own model-zoo config
# (SimpleBaseline ResNet-50, 256x192) and changing only the labeled set and the
# evaluation protocol (ground-truth boxes, no flip test). Paper: 34.4 AP.
# `tools/test.py --protocol mmpose` evaluates it as the model zoo does.
_base_ = ['mmpose::body_2d_keypoint/topdown_heatmap/coco/'
          'td-hm_res50_8xb64-210e_coco-256x192.py']
custom_imports = dict(imports=['mmpose_trs'], allow_failed_imports=False)

model = dict(test_cfg=dict(flip_test=False))
train_dataloader = dict(dataset=dict(
    ann_file='annotations/splits/coco_1k_labeled.json'))
val_dataloader = dict(dataset=dict(bbox_file=None))
test_dataloader = val_dataloader
