# Supervised-only, ResNet-18 (not in MMPose's zoo: the ResNet-50 config with
# depth 18), COCO 5K labeled. Paper Table II: 46.4 AP.
_base_ = ['./simplebaseline_res50_coco-5k_256x192.py']

model = dict(
    backbone=dict(depth=18, init_cfg=dict(checkpoint='torchvision://resnet18')),
    head=dict(in_channels=512))
