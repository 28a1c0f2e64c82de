# Dual networks, ResNet-50, COCO 10K labeled. Paper Table II: 65.0 AP.
_base_ = ['./dual_res18_coco-1k_256x192.py']

model = dict(net_f=_base_.res50_plain, net_g=_base_.res50_plain)
labeled_dataset = dict(_base_.labeled_dataset,
                       ann_file='annotations/splits/coco_10k_labeled.json')
unlabeled_dataset = dict(_base_.unlabeled_dataset,
                         ann_file='annotations/splits/coco_10k_unlabeled.json')
train_dataloader = dict(dataset=dict(datasets=[labeled_dataset,
                                               unlabeled_dataset]))
# Xie et al.'s 5K/10K schedule: 100 epochs, x0.1 at 70 and 90
train_cfg = dict(max_epochs=100, expected_sizes=dict(labeled=10000))
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, convert_to_iter_based=True,
         milestones=[70, 90], gamma=0.1)
]
