# Table III: COCO train2017 labeled + WILD (unlabeled2017, detector boxes from
# tools/detect_persons.py). Paper: 74.9 AP / 93.5 AP50 / 77.6 AR / 94.0 AR50.
_base_ = ['./trs_res18_coco-1k_256x192.py']

model = dict(net_f={{_base_.res50_mfl}}, net_g={{_base_.res50_mfl}})
train_dataloader = _base_.train_dataloader
train_dataloader['dataset']['datasets'][0]['ann_file'] = \
    'annotations/person_keypoints_train2017.json'
train_dataloader['dataset']['datasets'][1] = dict(
    type='UnlabeledPersonDataset', data_root=_base_.data_root,
    data_mode='topdown', ann_file='annotations/wild_images.json',
    det_file='annotations/wild_person_dets.json', score_thr=0.5,
    data_prefix=dict(img='unlabeled2017/'),
    pipeline=_base_.unlabeled_pipeline)
