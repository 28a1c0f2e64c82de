# SSPCM, ResNet-50 teachers and student, COCO 10K labeled. Paper Table II:
# 65.4 AP.
_base_ = ['./sspcm_res18_coco-1k_256x192.py']

model = dict(
    net_f=_base_.res50_plain,
    net_g=_base_.res50_plain,
    net_s=_base_.res50_plain)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_10k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_10k_unlabeled.json')))
expected_sizes = dict(labeled=10000)
