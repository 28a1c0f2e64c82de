"""LabeledUnlabeledDataset: the two sources by name, every sample marked
with its branch, the mark checked against the targets (is_labeled), and a
child config that changes one source by name."""
import os.path as osp

import pytest
from conftest import REAL_SAMPLES
from helpers import batch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS
from mmpose_trs.datasets import (LabeledUnlabeledDataset,
                                 LabeledUnlabeledSampler)
from mmpose_trs.models import is_labeled, split_batch
from mmpose_trs.utils.branches import BRANCH_KEY, source_configs

COCO_DIR = osp.join(REAL_SAMPLES, 'coco')
CODEC = dict(
    type='MSRAHeatmap', input_size=(48, 64), heatmap_size=(12, 16), sigma=2)
CROP = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=(48, 64))
]
PACK = [dict(type='PackPoseInputs')]
TARGETS = [dict(type='GenerateTarget', encoder=CODEC)]


def source(type_, pipeline):
    return dict(
        type=type_,
        data_mode='topdown',
        ann_file=osp.join(COCO_DIR, 'test_coco.json'),
        data_prefix=dict(img=COCO_DIR + '/'),
        pipeline=pipeline)


@pytest.fixture(autouse=True)
def _scope():
    init_default_scope('mmpose')


def build(labeled_pipeline=CROP + TARGETS + PACK,
          unlabeled_pipeline=CROP + PACK):
    return DATASETS.build(
        dict(
            type='LabeledUnlabeledDataset',
            labeled=source('CocoDataset', labeled_pipeline),
            unlabeled=source('UnlabeledPersonDataset', unlabeled_pipeline)))


def test_sources_by_name_marked_and_sampled():
    """12 labeled + 14 unlabeled real COCO instances; the sampler draws
    labeled then unlabeled indices, and each sample says where it is from."""
    ds = build()
    assert isinstance(ds, LabeledUnlabeledDataset)
    assert (len(ds.labeled), len(ds.unlabeled), len(ds)) == (12, 14, 26)
    it = iter(LabeledUnlabeledSampler(ds, 2, 3, seed=0))
    picks = [next(it) for _ in range(5)]
    samples = [ds[i]['data_samples'] for i in picks]
    assert [s.metainfo[BRANCH_KEY]
            for s in samples] == ['labeled'] * 2 + ['unlabeled'] * 3
    assert [is_labeled(s) for s in samples] == [True] * 2 + [False] * 3


def test_labeled_pipeline_without_targets_is_a_clear_error():
    """A labeled source whose pipeline makes no heatmaps (e.g. another
    codec, or GenerateTarget forgotten) is not silently unlabeled."""
    ds = build(labeled_pipeline=CROP + PACK)
    with pytest.raises(
            ValueError, match='labeled sample without '
            'targets.*GenerateTarget'):
        is_labeled(ds[0]['data_samples'])


def test_unlabeled_pipeline_with_targets_is_a_clear_error():
    ds = build(unlabeled_pipeline=CROP + PACK)
    ds.unlabeled.pipeline = build().labeled.pipeline  # with GenerateTarget
    sample = ds[len(ds.labeled)]['data_samples']
    with pytest.raises(ValueError, match='unlabeled sample with targets'):
        is_labeled(sample)


def test_unmarked_sample_names_the_dataset_to_use():
    """A batch from a plain ConcatDataset (no mark) fails in split_batch."""
    x, samples = batch(1, 1)
    for s in samples:
        s.set_metainfo({BRANCH_KEY: None})
    with pytest.raises(ValueError, match='LabeledUnlabeledDataset'):
        split_batch(x, samples)


def test_pipeline_must_pack():
    ds = build(unlabeled_pipeline=CROP)
    with pytest.raises(TypeError, match='unlabeled dataset.*PackPoseInputs'):
        ds[len(ds.labeled)]


def test_child_config_changes_one_source_by_name():
    """The 5K config names only the files it changes; the rest of each
    source (type, pipeline, image folder) comes from the 1K base."""
    base = Config.fromfile('configs/trs/coco/trs_res18_coco-1k_256x192.py')
    child = Config.fromfile('configs/trs/coco/trs_res18_coco-5k_256x192.py')
    for name, b, c in zip(('labeled', 'unlabeled'),
                          source_configs(base.train_dataloader.dataset),
                          source_configs(child.train_dataloader.dataset)):
        assert c.ann_file == f'annotations/splits/coco_5k_{name}.json'
        assert b.ann_file == f'annotations/splits/coco_1k_{name}.json'
        assert {
            k: v
            for k, v in c.items() if k != 'ann_file'
        } == {
            k: v
            for k, v in b.items() if k != 'ann_file'
        }


def test_draw_seeds_fix_the_augmentation_and_leave_global_states():
    """(index, draw_seed) gives the same augmented crop whatever was drawn
    before, another seed another crop; the global random states are as
    before the call."""
    import numpy as np
    import torch

    from mmpose_trs.utils.rng import capture_rng_state
    aug = [
        dict(type='LoadImage'),
        dict(type='GetBBoxCenterScale'),
        dict(type='RandomFlip', direction='horizontal'),
        dict(type='RandomBBoxTransform', rotate_factor=40),
        dict(type='TopdownAffine', input_size=(48, 64))
    ]
    ds = build(unlabeled_pipeline=aug + PACK)
    assert ds.takes_draw_seeds
    key = len(ds.labeled) + 3
    a = ds[(key, 123)]['inputs']
    np.random.rand(7)  # a worker that loaded other samples before
    state = capture_rng_state()
    b = ds[(key, 123)]['inputs']
    after = capture_rng_state()
    assert torch.equal(a, b)
    assert not torch.equal(a, ds[(key, 124)]['inputs'])
    assert state['numpy'] == after['numpy'] and state['python'] == after[
        'python']
    assert torch.equal(state['torch'], after['torch'])
