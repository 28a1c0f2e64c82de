"""Config edits: data root of every source and evaluator; the paper and
MMPose evaluation protocols on every network."""
from mmengine.config import Config

from mmpose_trs.utils.config_tools import apply_protocol, set_data_root

TRS = 'configs/trs/coco/trs_res18_coco-1k_256x192.py'


def test_set_data_root_reaches_both_sources_and_evaluators():
    cfg = set_data_root(Config.fromfile(TRS), '/d/coco', workers=0)
    ds = cfg.train_dataloader.dataset
    assert ds.labeled.data_root == ds.unlabeled.data_root == '/d/coco/'
    assert cfg.val_dataloader.dataset.data_root == '/d/coco/'
    assert cfg.val_evaluator.ann_file == ('/d/coco/annotations/'
                                          'person_keypoints_val2017.json')
    assert cfg.train_dataloader.num_workers == 0
    assert not cfg.train_dataloader.persistent_workers


def test_protocols_switch_boxes_and_flip_on_f_and_g():
    cfg = apply_protocol(Config.fromfile(TRS), 'mmpose', 'dets.json')
    assert cfg.test_dataloader.dataset.bbox_file == 'dets.json'
    assert cfg.model.net_f.test_cfg.flip_test
    assert cfg.model.net_g.test_cfg.flip_test
    apply_protocol(cfg, 'paper')
    assert 'bbox_file' not in cfg.test_dataloader.dataset
    assert not cfg.model.net_f.test_cfg.flip_test


def test_unknown_protocol_is_refused():
    import pytest
    with pytest.raises(ValueError, match="'paper' or 'mmpose'"):
        apply_protocol(Config.fromfile(TRS), 'zoo')
