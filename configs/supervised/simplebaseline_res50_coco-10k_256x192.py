# Supervised-only, ResNet-50, COCO 10K labeled. Paper Table II: 56.3 AP.
_base_ = ['./simplebaseline_res50_coco-1k_256x192.py']

train_dataloader = dict(dataset=dict(
    ann_file='annotations/splits/coco_10k_labeled.json'))
