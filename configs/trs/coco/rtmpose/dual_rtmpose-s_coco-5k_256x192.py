# Dual networks, RTMPose-s, COCO 5K labeled (our protocol, no paper row).
_base_ = ['./dual_rtmpose-s_coco-1k_256x192.py']

train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
expected_sizes = dict(labeled=5000)
