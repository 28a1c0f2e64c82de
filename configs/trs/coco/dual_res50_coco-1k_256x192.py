# Dual networks, ResNet-50, COCO 1K labeled. Paper Table II: 48.7 AP.
_base_ = ['./dual_res18_coco-1k_256x192.py']

model = dict(net_f=_base_.res50_plain, net_g=_base_.res50_plain)
