# SSPCM, ResNet-50 teachers and student, COCO 1K labeled. Paper Table II:
# 49.4 AP.
_base_ = ['./sspcm_res18_coco-1k_256x192.py']

model = dict(
    net_f=_base_.res50_plain,
    net_g=_base_.res50_plain,
    net_s=_base_.res50_plain)
