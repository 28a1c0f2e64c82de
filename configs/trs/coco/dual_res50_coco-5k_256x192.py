# Dual networks (Xie et al.): no reviewers, no MFL, Joint Cutout, ResNet-50,
# COCO 5K labeled. Paper Table II: 61.2 AP.
_base_ = ['./trs_res18_coco-1k_256x192.py']

model = dict(
    net_f={{_base_.res50_plain}},
    net_g={{_base_.res50_plain}},
    use_reviewers=False,
    pre_affine_aug=dict(type='JointCutoutAug', k=5, patch_size=32,
                        score_thr=0.1))
custom_hooks = []
train_dataloader = _base_.train_dataloader  # only the split files change
train_dataloader['dataset']['datasets'][0]['ann_file'] = \
    'annotations/splits/coco_5k_labeled.json'
train_dataloader['dataset']['datasets'][1]['ann_file'] = \
    'annotations/splits/coco_5k_unlabeled.json'
