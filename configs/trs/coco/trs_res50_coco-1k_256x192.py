# TRS, ResNet-50, COCO 1K labeled. Paper Table II: 52.2 AP.
_base_ = ['./trs_res18_coco-1k_256x192.py']

model = dict(net_f=_base_.res50_mfl, net_g=_base_.res50_mfl)
