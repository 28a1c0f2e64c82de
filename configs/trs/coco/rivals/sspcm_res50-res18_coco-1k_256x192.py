# SSPCM, ResNet-50 teachers and a ResNet-18 student, COCO 1K labeled
# (not in the TRS paper; SSPCM's released 1K recipe). The student is the
# reported network: s/coco/AP.
_base_ = ['./sspcm_res18_coco-1k_256x192.py']

model = dict(
    net_f=_base_.res50_plain,
    net_g=_base_.res50_plain,
    net_s=_base_.res18_plain)
