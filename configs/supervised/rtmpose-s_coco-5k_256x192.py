# Supervised-only RTMPose-s, COCO 5K labeled (our protocol, no paper row).
_base_ = ['./rtmpose-s_coco-1k_256x192.py']

train_dataloader = dict(
    dataset=dict(ann_file='annotations/splits/coco_5k_labeled.json'))
expected_sizes = dict(labeled=5000)
