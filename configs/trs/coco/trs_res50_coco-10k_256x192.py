# TRS, ResNet-50, COCO 10K labeled. Paper Table II: 67.6 AP.
_base_ = ['./trs_res18_coco-1k_256x192.py']

model = dict(net_f=_base_.res50_mfl, net_g=_base_.res50_mfl)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_10k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_10k_unlabeled.json')))
expected_sizes = dict(labeled=10000)
