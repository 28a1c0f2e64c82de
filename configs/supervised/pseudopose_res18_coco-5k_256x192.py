# PseudoPose (Table II: 50.9 AP), stage 2: the ResNet-18 SimpleBaseline
# trained, with the supervised rows' protocol, on the 5K labeled split plus
# pseudo-labels of the unlabeled pool by the stage-1 model
# (simplebaseline_res18_coco-5k_256x192.py), one view each:
#   python tools/pseudo_label.py \
#     configs/supervised/simplebaseline_res18_coco-5k_256x192.py \
#     STAGE1.pth --data-root data/coco --img-prefix train2017/ \
#     --ann-file annotations/splits/coco_5k_unlabeled.json \
#     --merge-with data/coco/annotations/splits/coco_5k_labeled.json \
#     -o data/coco/annotations/splits/coco_5k_pseudopose.json
_base_ = ['./simplebaseline_res18_coco-1k_256x192.py']  # only the file differs

train_dataloader = dict(
    dataset=dict(ann_file='annotations/splits/coco_5k_pseudopose.json'))
# labeled + pseudo-labelled persons: known once stage 1 has written them
expected_sizes = dict(labeled=None)
