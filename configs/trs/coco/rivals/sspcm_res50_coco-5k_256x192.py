# SSPCM, ResNet-50 teachers and student, COCO 5K labeled. Paper Table II:
# 61.6 AP.
_base_ = ['./sspcm_res18_coco-1k_256x192.py']

model = dict(
    net_f=_base_.res50_plain,
    net_g=_base_.res50_plain,
    net_s=_base_.res50_plain)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
expected_sizes = dict(labeled=5000)
