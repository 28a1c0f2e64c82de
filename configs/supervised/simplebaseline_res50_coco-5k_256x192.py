# Supervised-only, ResNet-50, COCO 5K labeled. Paper Table II: 50.3 AP.
_base_ = ['./simplebaseline_res50_coco-1k_256x192.py']

train_dataloader = dict(dataset=dict(
    ann_file='annotations/splits/coco_5k_labeled.json'))
