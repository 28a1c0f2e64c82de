# MultiAugs (Zhou et al. 2024, hnuzhy/MultiAugs), ResNet-18 Dual networks,
# COCO 1K labeled, two hard views per crop (SSCO + Cutout, Joint Cutout +
# CutMix) sharing one affine and one teacher pass. Their paper: 49.7 AP.
# Schedule: the Dual row's (70 epochs), for equal terms; their released yaml
# trains 30 epochs (x0.1 at 20, 25).
_base_ = ['../dual_res18_coco-1k_256x192.py']

model = dict(pre_affine_aug=None, hard_paths=_base_.multiaugs_paths)
