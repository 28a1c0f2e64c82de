# Table X: f = ResNet-50, g = ResNet-18 (different backbones), COCO 5K. The
# paper reports f and g separately: f/coco/AP is the ResNet-50 network.
_base_ = ['./trs_res18_coco-1k_256x192.py']

model = dict(net_f=_base_.res50_mfl, net_g=_base_.res18_mfl)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
expected_sizes = dict(labeled=5000)
