# Dual networks, RTMPose-m, COCO 10K labeled (our protocol, no paper row).
_base_ = ['./dual_rtmpose-m_coco-1k_256x192.py']

train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_10k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_10k_unlabeled.json')))
expected_sizes = dict(labeled=10000)
