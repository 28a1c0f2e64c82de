# TRS, ResNet-50, COCO 5K labeled. Paper Table II: 63.5 AP.
_base_ = ['./trs_res18_coco-1k_256x192.py']

model = dict(net_f=_base_.res50_mfl, net_g=_base_.res50_mfl)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
expected_sizes = dict(labeled=5000)
