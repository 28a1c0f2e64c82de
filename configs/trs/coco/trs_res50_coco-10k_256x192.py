# TRS, ResNet-50, COCO 10K labeled. Paper Table II: 67.6 AP.
_base_ = ['./trs_res50_coco-1k_256x192.py']

train_dataloader = _base_.train_dataloader  # only the split files change
train_dataloader['dataset']['datasets'][0]['ann_file'] = \
    'annotations/splits/coco_10k_labeled.json'
train_dataloader['dataset']['datasets'][1]['ann_file'] = \
    'annotations/splits/coco_10k_unlabeled.json'
