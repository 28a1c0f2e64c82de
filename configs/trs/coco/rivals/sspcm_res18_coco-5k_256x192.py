# SSPCM, ResNet-18, COCO 5K labeled. Paper Table II: 57.5 AP.
_base_ = ['./sspcm_res18_coco-1k_256x192.py']

train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
expected_sizes = dict(labeled=5000)
