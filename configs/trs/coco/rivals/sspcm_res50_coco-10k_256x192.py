# SSPCM, ResNet-50 teachers and student, COCO 10K labeled. Paper Table II:
# 65.4 AP.
_base_ = ['./sspcm_res18_coco-10k_256x192.py']

model = dict(
    net_f=_base_.res50_plain,
    net_g=_base_.res50_plain,
    net_s=_base_.res50_plain)
