# Single (PoseCons), ResNet-18, COCO 5K labeled; 100 epochs, x0.1 at 70 and
# 90. Paper Table II: 52.3 AP.
_base_ = ['./single_res18_coco-1k_256x192.py']

train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/splits/coco_5k_labeled.json'),
        unlabeled=dict(ann_file='annotations/splits/coco_5k_unlabeled.json')))
train_cfg = dict(max_epochs=100)
expected_sizes = dict(labeled=5000)
param_scheduler = _base_.steps_100_epochs
