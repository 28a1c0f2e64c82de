# Supervised on all of COCO train2017 (Table III's baseline, 70.9 AP in the
# paper's protocol); this is exactly MMPose's model-zoo config (71.8 AP with
# its own protocol: `tools/test.py --protocol mmpose`).
_base_ = [
    'mmpose::body_2d_keypoint/topdown_heatmap/coco/'
    'td-hm_res50_8xb64-210e_coco-256x192.py'
]
custom_imports = dict(
    imports=['mmpose_trs', 'mmpose_trs.safety.process_setup'],
    allow_failed_imports=False)

# the zoo's 8 GPUs x 64 and its set's size, for the protocol card
num_gpus = 8
expected_sizes = dict(labeled=149813)
model = dict(test_cfg=dict(flip_test=False))
val_dataloader = dict(dataset=dict(bbox_file=None))
test_dataloader = val_dataloader
