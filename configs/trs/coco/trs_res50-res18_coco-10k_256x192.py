# Table X: f = ResNet-50, g = ResNet-18, COCO 10K.
_base_ = ['./trs_res50-res18_coco-5k_256x192.py']

train_dataloader = _base_.train_dataloader  # only the split files change
train_dataloader['dataset']['datasets'][0]['ann_file'] = \
    'annotations/splits/coco_10k_labeled.json'
train_dataloader['dataset']['datasets'][1]['ann_file'] = \
    'annotations/splits/coco_10k_unlabeled.json'
