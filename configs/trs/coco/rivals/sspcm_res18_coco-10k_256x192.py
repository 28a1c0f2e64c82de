# SSPCM, ResNet-18, COCO 10K labeled. Paper Table II: 60.7 AP.
_base_ = ['./sspcm_res18_coco-1k_256x192.py']

train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_10k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_10k_unlabeled.json')))
expected_sizes = dict(labeled=10000)
