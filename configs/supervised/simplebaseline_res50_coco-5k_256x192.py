# Supervised-only, ResNet-50, COCO 5K labeled, the protocol of the 1K
# baseline. Paper Table II: 50.3 AP.
_base_ = ['./simplebaseline_res18_coco-1k_256x192.py']

model = dict(_base_.res50_plain, data_preprocessor=_base_.data_preprocessor)
expected_sizes = dict(labeled=5000)
train_dataloader = dict(
    dataset=dict(ann_file='annotations/splits/coco_5k_labeled.json'))
