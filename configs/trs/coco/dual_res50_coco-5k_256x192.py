# Dual networks, ResNet-50, COCO 5K labeled. Paper Table II: 61.2 AP.
_base_ = ['./dual_res50_coco-1k_256x192.py']

train_dataloader = _base_.train_dataloader  # only the split files change
train_dataloader['dataset']['datasets'][0]['ann_file'] = \
    'annotations/splits/coco_5k_labeled.json'
train_dataloader['dataset']['datasets'][1]['ann_file'] = \
    'annotations/splits/coco_5k_unlabeled.json'
