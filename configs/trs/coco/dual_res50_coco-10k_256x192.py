# Dual networks, ResNet-50, COCO 10K labeled. Paper Table II: 65.0 AP.
_base_ = ['./dual_res18_coco-1k_256x192.py']

model = dict(net_f=_base_.res50_plain, net_g=_base_.res50_plain)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_10k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_10k_unlabeled.json')))
# Xie et al.'s 5K/10K schedule: 100 epochs, x0.1 at 70 and 90
train_cfg = dict(max_epochs=100)
expected_sizes = dict(labeled=10000)
param_scheduler = _base_.steps_100_epochs
