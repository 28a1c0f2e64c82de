"""Unreadable training images: named with what is wrong under 'raise',
replaced by the next sample of the same source under 'skip'
(deterministically), counted and logged once by BadSampleHook."""
import os
import shutil
from types import SimpleNamespace

import pytest
from conftest import REAL_SAMPLES
from mmengine.logging import MessageHub
from mmengine.registry import init_default_scope

from mmpose.registry import DATASETS
from mmpose_trs.datasets.bad_samples import BadSampleError, bad_sample_policy
from mmpose_trs.safety import BadSampleHook
from mmpose_trs.safety.image_files import decode_problem

COCO = os.path.join(REAL_SAMPLES, 'coco')
CROP = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=(48, 64)),
]
CODEC = dict(
    type='MSRAHeatmap', input_size=(48, 64), heatmap_size=(12, 16), sigma=2)


@pytest.fixture(autouse=True)
def _scope():
    init_default_scope('mmpose')


@pytest.fixture
def broken(tmp_path):
    """The real COCO samples, the first image cut to 200 bytes."""
    folder = tmp_path / 'coco'
    shutil.copytree(COCO, folder)
    first = sorted(p for p in os.listdir(folder) if p.endswith('.jpg'))[0]
    data = (folder / first).read_bytes()
    (folder / first).write_bytes(data[:200])
    return str(folder), first


def build(folder, **kwargs):
    ann = os.path.join(folder, 'test_coco.json')
    return DATASETS.build(
        dict(
            type='LabeledUnlabeledDataset',
            labeled=dict(
                type='CocoDataset',
                data_mode='topdown',
                ann_file=ann,
                data_prefix=dict(img=folder + '/'),
                pipeline=CROP + [
                    dict(type='GenerateTarget', encoder=CODEC),
                    dict(type='PackPoseInputs')
                ]),
            unlabeled=dict(
                type='UnlabeledPersonDataset',
                data_mode='topdown',
                ann_file=ann,
                data_prefix=dict(img=folder + '/'),
                pipeline=CROP + [dict(type='PackPoseInputs')]),
            **kwargs))


def first_bad(part, name):
    return next(
        i for i in range(len(part))
        if part.get_data_info(i)['img_path'].endswith(name))


def test_truncated_image_is_named(broken):
    folder, name = broken
    assert decode_problem(os.path.join(folder, name)).startswith('truncated')
    ds = build(folder)
    i = first_bad(ds.labeled, name)
    with pytest.raises(BadSampleError, match=f'{name}: truncated.*labeled'):
        ds[i]  # labeled: raise by default


def test_skip_takes_the_next_sample_deterministically(broken):
    folder, name = broken
    ds = build(folder)
    n_l = len(ds.labeled)
    local = first_bad(ds.unlabeled, name)
    got = ds[(n_l + local, 7)]['data_samples']
    bad = got.metainfo['replaced_bad_samples']
    assert [p for p, _ in bad] == [os.path.join(folder, name)]
    assert got.metainfo['semi_branch'] == 'unlabeled'
    assert got.metainfo['img_path'] != bad[0][0]
    again = ds[(n_l + local, 7)]['data_samples']
    assert again.metainfo['img_path'] == got.metainfo['img_path']
    assert (again.gt_instances.bboxes == got.gt_instances.bboxes).all()


def test_policies_are_checked():
    assert bad_sample_policy('skip') == ('skip', 'skip')
    assert bad_sample_policy(dict(labeled='skip')) == ('skip', 'skip')
    with pytest.raises(ValueError, match='one of'):
        bad_sample_policy(dict(unlabeled='ignore'))
    with pytest.raises(ValueError, match='unknown sources'):
        bad_sample_policy(dict(extra='skip'))


class _Log:

    def __init__(self):
        self.lines = []

    def warning(self, text):
        self.lines.append(text)


def test_hook_logs_each_file_once_counts_and_stops_past_the_share(broken):
    folder, name = broken
    ds = build(folder)
    n_l = len(ds.labeled)
    sample = ds[(n_l + first_bad(ds.unlabeled, name), 0)]['data_samples']
    hub = MessageHub.get_instance('bad_sample_test')
    runner = SimpleNamespace(
        logger=_Log(),
        message_hub=hub,
        train_dataloader=SimpleNamespace(dataset=ds))
    hook = BadSampleHook(max_share=0.5)
    for it in range(3):
        hook.after_train_iter(runner, it, dict(data_samples=[sample]))
    assert len(runner.logger.lines) == 1 and name in runner.logger.lines[0]
    assert hub.get_scalar('train/bad_samples_unlabeled').current() == 1
    with pytest.raises(RuntimeError, match='cannot be read.*max_share'):
        BadSampleHook(
            max_share=0.).after_train_iter(runner, 0,
                                           dict(data_samples=[sample]))


def test_decode_problem_names_what_is_wrong(tmp_path, broken):
    folder, name = broken
    good = next(
        p for p in sorted(os.listdir(folder))
        if p.endswith('.jpg') and p != name)
    assert decode_problem(os.path.join(folder, good)) is None
    assert decode_problem(str(tmp_path / 'none.jpg')) == 'missing'
    (tmp_path / 'empty.jpg').write_bytes(b'')
    assert decode_problem(str(tmp_path / 'empty.jpg')) == 'empty file'
    (tmp_path / 'text.jpg').write_bytes(b'hello world')
    assert decode_problem(str(tmp_path /
                              'text.jpg')).startswith('not an image')
    # a JPEG signature and end marker around garbage: undecodable
    (tmp_path / 'junk.jpg').write_bytes(b'\xff\xd8\xff' + b'\x00' * 64 +
                                        b'\xff\xd9')
    assert decode_problem(str(tmp_path / 'junk.jpg')).startswith('undecodable')
