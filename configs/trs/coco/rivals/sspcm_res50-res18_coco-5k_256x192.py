# SSPCM, ResNet-50 teachers and a ResNet-18 student, COCO 5K labeled
# (Table X: 58.9 AP). The student is the reported network: s/coco/AP.
_base_ = ['./sspcm_res18_coco-1k_256x192.py']

model = dict(
    net_f=_base_.res50_plain,
    net_g=_base_.res50_plain,
    net_s=_base_.res18_plain)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
expected_sizes = dict(labeled=5000)
