# SSPCM, ResNet-50 teachers and a ResNet-18 student, COCO 10K labeled
# (Table X: 61.9 AP). The student is the reported network: s/coco/AP.
_base_ = ['./sspcm_res18_coco-10k_256x192.py']

model = dict(
    net_f=_base_.res50_plain,
    net_g=_base_.res50_plain,
    net_s=_base_.res18_plain)
