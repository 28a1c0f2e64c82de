# Supervised-only, ResNet-18, COCO 5K labeled, the protocol of the 1K
# baseline. Paper Table II: 46.4 AP.
_base_ = ['./simplebaseline_res18_coco-1k_256x192.py']

expected_sizes = dict(labeled=5000)
train_dataloader = dict(
    dataset=dict(ann_file='annotations/splits/coco_5k_labeled.json'))
