# Table III with ResNet-101. Paper: 75.8 AP / 93.6 AP50 / 78.5 AR / 94.3 AR50.
_base_ = ['./trs_res50_coco-train_wild_256x192.py']

res101 = dict(
    backbone=dict(
        depth=101, init_cfg=dict(checkpoint='torchvision://resnet101')))
model = dict(net_f=res101, net_g=res101)
