# Table III: all of COCO train2017 labeled (149,813 valid instances) + WILD
# (unlabeled2017) person boxes from a detector (tools/detect_persons.py), every
# detection kept (Xie et al.: no score threshold); their WILD schedule: 400
# epochs, x0.1 at 300 and 350.
# Paper: 74.9 AP / 93.5 AP50 / 77.6 AR / 94.0 AR50.
_base_ = ['../../_base_/semi_runtime.py', '../../_base_/coco_256x192.py']

model = dict(
    net_f=_base_.res50_mfl,
    net_g=_base_.res50_mfl,
    data_preprocessor=_base_.data_preprocessor)
train_dataloader = dict(
    dataset=dict(
        labeled=dict(ann_file='annotations/person_keypoints_train2017.json'),
        unlabeled=dict(
            ann_file='annotations/wild_images.json',
            det_file='annotations/wild_person_dets.json',
            score_thr=0.0,
            data_prefix=dict(img='unlabeled2017/'))))
# the WILD set's size depends on the detector: no expectation for it
train_cfg = dict(max_epochs=400)
expected_sizes = dict(labeled=149813, unlabeled=None)
param_scheduler = _base_.steps_wild
default_hooks = dict(checkpoint=dict(save_best='f/coco/AP'))
