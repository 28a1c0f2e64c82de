# DataDistill (Table II: 51.6 AP), stage 2: as PseudoPose, with pseudo-labels
# from the stage-1 model's flip and multi-scale ensemble:
#   python tools/pseudo_label.py \
#     configs/supervised/simplebaseline_res18_coco-5k_256x192.py \
#     STAGE1.pth --data-root data/coco --img-prefix train2017/ \
#     --ann-file annotations/splits/coco_5k_unlabeled.json \
#     --flip --scales 0.8 0.9 1.0 1.1 1.2 \
#     --merge-with data/coco/annotations/splits/coco_5k_labeled.json \
#     -o data/coco/annotations/splits/coco_5k_datadistill.json
_base_ = ['./simplebaseline_res18_coco-1k_256x192.py']  # only the file differs

train_dataloader = dict(
    dataset=dict(ann_file='annotations/splits/coco_5k_datadistill.json'))
# labeled + pseudo-labelled persons: known once stage 1 has written them
expected_sizes = dict(labeled=None)
