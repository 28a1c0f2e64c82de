# Supervised-only, ResNet-18, COCO 10K labeled, the protocol of the 1K
# baseline. Paper Table II: 51.1 AP.
_base_ = ['./simplebaseline_res18_coco-1k_256x192.py']

expected_sizes = dict(labeled=10000)
train_dataloader = dict(
    dataset=dict(ann_file='annotations/splits/coco_10k_labeled.json'))
