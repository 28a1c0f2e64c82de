# Supervised-only, ResNet-50, COCO 1K labeled, the protocol of the 1K
# baseline. Paper Table II: 34.4 AP.
_base_ = ['./simplebaseline_res18_coco-1k_256x192.py']

model = dict(_base_.res50_plain, data_preprocessor=_base_.data_preprocessor)
