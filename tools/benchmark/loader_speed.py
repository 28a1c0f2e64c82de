"""Crops per second of the data pipelines at 256x192 from real JPEGs: ours
(the COCO paper configs' labeled pipeline with heatmap targets, and the
unlabeled one) beside Xie et al.'s ``JointsDataset`` (their code, from a
checkout of xierc/Semi_Human_Pose given by ``--peer-repo``), on the same
images and boxes; and where our time goes, transform by transform.

The pool is the shipped real COCO samples' persons, tiled to ``--crops``
instances (the same 4 images decoded again and again: the file cache is
warm for both loaders). Throughput is measured through a DataLoader with
0 (the main process), 1 and 2 workers, batches of 32 with each side's own
collation (MMEngine's ``pseudo_collate``; torch's default for theirs).
"""
import copy
import importlib.util
import json
import os.path as osp
import sys
import time
from types import SimpleNamespace
from typing import Dict, List, Optional

import numpy as np

REAL_COCO = 'tests/data/real_samples/coco'
#: Xie et al.'s union of 24 joints, filled from COCO's 17 by name
COCO_NAMES = ('nose', 'leye', 'reye', 'lear', 'rear', 'lsho', 'rsho', 'lelb',
              'relb', 'lwri', 'rwri', 'lhip', 'rhip', 'lkne', 'rkne', 'lank',
              'rank')


def tiled_annotations(out: str, crops: int) -> str:
    """A COCO keypoints json holding the real samples' persons repeated
    (new annotation ids) to ``crops`` instances."""
    with open(osp.join(REAL_COCO, 'test_coco.json')) as f:
        ann = json.load(f)
    persons = [
        a for a in ann['annotations']
        if a['num_keypoints'] > 0 and not a.get('iscrowd')
    ]
    tiled = [dict(persons[i % len(persons)], id=i + 1) for i in range(crops)]
    with open(out, 'w') as f:
        json.dump(dict(ann, annotations=tiled), f)
    return out


def our_datasets(ann: str) -> Dict[str, object]:
    """The labeled (with targets) and unlabeled datasets of the COCO paper
    configs (``configs/_base_/coco_256x192.py``) over ``ann``."""
    from mmengine.config import Config
    from mmengine.registry import init_default_scope

    import mmpose_trs  # noqa: F401
    from mmpose.registry import DATASETS
    init_default_scope('mmpose')
    base = Config.fromfile('configs/_base_/coco_256x192.py')
    common = dict(
        data_root='', ann_file=ann, data_prefix=dict(img=REAL_COCO + '/'))
    return dict(
        labeled=DATASETS.build(dict(base.labeled_dataset.to_dict(), **common)),
        unlabeled=DATASETS.build(
            dict(base.unlabeled_dataset.to_dict(), **common)))


def _peer_module(repo: str):
    """Xie et al.'s ``lib/dataset/JointsDataset.py``, imported from
    ``repo`` (its ``lib`` on the path for ``utils.transforms``)."""
    lib = osp.join(repo, 'lib')
    if not osp.isfile(osp.join(lib, 'dataset', 'JointsDataset.py')):
        raise FileNotFoundError(f'{repo}: no lib/dataset/JointsDataset.py '
                                '(a checkout of xierc/Semi_Human_Pose)')
    sys.path.insert(0, lib)
    spec = importlib.util.spec_from_file_location(
        'xie_joints_dataset', osp.join(lib, 'dataset', 'JointsDataset.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _peer_cfg():
    """The fields their ``JointsDataset`` reads, at their COCO 256x192
    values (res18 yamls: scale 0.25, rotation 30, flip, sigma 2)."""
    dataset = SimpleNamespace(
        DATA_FORMAT='jpg',
        SCALE_FACTOR=0.25,
        ROT_FACTOR=30,
        FLIP=True,
        COLOR_RGB=True,
        NUM_JOINTS_HALF_BODY=8,
        PROB_HALF_BODY=0.0)
    model = SimpleNamespace(
        IMAGE_SIZE=np.array([192, 256]),
        EXTRA=SimpleNamespace(
            TARGET_TYPE='gaussian', HEATMAP_SIZE=np.array([48, 64]), SIGMA=2))
    return SimpleNamespace(OUTPUT_DIR='', DATASET=dataset, MODEL=model)


def peer_dataset(repo: str, ann: str, image_set: str = 'train2017'):
    """Their ``JointsDataset`` over the persons of ``ann`` (records built
    as their COCO reader builds them: centre, scale x 1.25 at the crop's
    aspect, 17 joints mapped into their union of 24), with their
    torchvision ToTensor + ImageNet Normalize."""
    import torchvision.transforms as T
    module = _peer_module(repo)
    transform = T.Compose([
        T.ToTensor(),
        T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
    ])

    class Peer(module.JointsDataset):

        def __init__(self):
            super().__init__(_peer_cfg(), REAL_COCO, image_set, True,
                             transform)
            self.actual_joints = dict(enumerate(COCO_NAMES))
            self.flip_pairs = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10],
                               [11, 12], [13, 14], [15, 16]]
            self.db = _peer_records(ann, self.aspect_ratio)
            self.u2a_mapping = self.get_mapping()
            self.do_mapping()

    return Peer()


def _peer_records(ann: str, aspect: float) -> List[dict]:
    with open(ann) as f:
        data = json.load(f)
    names = {i['id']: i['file_name'] for i in data['images']}
    db = []
    for a in data['annotations']:
        x, y, w, h = a['bbox']
        center = np.array([x + w / 2, y + h / 2], np.float32)
        if w > aspect * h:
            h = w / aspect
        else:
            w = h * aspect
        kpts = np.array(a['keypoints'], np.float32).reshape(-1, 3)
        vis = np.repeat(np.minimum(kpts[:, 2:], 1), 3, axis=1)
        db.append(
            dict(
                image=osp.join(REAL_COCO, names[a['image_id']]),
                center=center,
                scale=np.array([w / 200, h / 200], np.float32) * 1.25,
                joints_3d=np.concatenate([kpts[:, :2],
                                          np.zeros((17, 1))], 1),
                joints_3d_vis=vis,
                bbox=np.array([[x, y], [x + w, y], [x + w, y + h],
                               [x, y + h]]).astype(np.int32)))
    return db


def crops_per_second(dataset,
                     workers: int,
                     crops: int,
                     collate,
                     batch: int = 32) -> float:
    """Crops per second drawing ``crops`` shuffled samples (after one
    warm-up batch) through a DataLoader with ``workers`` workers."""
    import torch
    loader = torch.utils.data.DataLoader(
        dataset,
        batch_size=batch,
        shuffle=True,
        num_workers=workers,
        collate_fn=collate,
        generator=torch.Generator().manual_seed(0))
    it = iter(loader)
    next(it)
    start, seen = time.perf_counter(), 0
    while seen < crops:
        try:
            next(it)
        except StopIteration:
            it = iter(loader)
            continue
        seen += batch
    return seen / (time.perf_counter() - start)


def stage_seconds(dataset, samples: int = 200) -> Dict[str, float]:
    """Milliseconds per crop of each transform of ``dataset``'s pipeline,
    and of collating 32 crops (``collate``), over ``samples`` draws."""
    from mmengine.dataset import pseudo_collate
    transforms = dataset.pipeline.transforms
    spent = {type(t).__name__: 0. for t in transforms}
    rng = np.random.default_rng(0)
    outputs = []
    for idx in rng.integers(0, len(dataset), samples).tolist():
        results = dataset.get_data_info(idx)
        for t in transforms:
            start = time.perf_counter()
            results = t(results)
            spent[type(t).__name__] += time.perf_counter() - start
        outputs.append(results)
    start = time.perf_counter()
    for i in range(0, samples - 31, 32):
        pseudo_collate(copy.copy(outputs[i:i + 32]))
    spent['collate'] = time.perf_counter() - start
    return {k: 1000 * v / samples for k, v in spent.items()}


def throughput(crops: int = 512,
               workers: List[int] = (0, 1, 2),
               peer_repo: Optional[str] = None,
               rounds: int = 3,
               work_dir: str = 'work_dirs/benchmark_data') -> dict:
    """Crops/s of every loader at every worker count (the median of
    ``rounds`` rounds, the loaders alternating within each round), and
    our stages."""
    import torch.utils.data as tud
    from mmengine.dataset import pseudo_collate
    ann = tiled_annotations(osp.join(work_dir, 'tiled_coco.json'), crops)
    loaders = {k: (v, pseudo_collate) for k, v in our_datasets(ann).items()}
    if peer_repo:
        loaders['xie_joints_dataset'] = (peer_dataset(peer_repo, ann),
                                         tud.default_collate)
    runs = {name: {n: [] for n in workers} for name in loaders}
    for _ in range(rounds):
        for n in workers:
            for name, (ds, collate) in loaders.items():
                runs[name][n].append(crops_per_second(ds, n, crops, collate))
    rates = {
        name: {
            n: float(np.median(v))
            for n, v in per.items()
        }
        for name, per in runs.items()
    }
    stages = {
        name: stage_seconds(loaders[name][0])
        for name in ('labeled', 'unlabeled')
    }
    return dict(crops=crops, rounds=rounds, rates=rates, stages=stages)


def throughput_tables(result: dict) -> str:
    """Markdown: crops/s per loader and worker count (ratios to Xie et
    al.'s), the cores 1,000 crops/s need, and our stages in ms per crop."""
    rates = result['rates']
    workers = list(next(iter(rates.values())))
    peer = rates.get('xie_joints_dataset')
    head = ['loader'
            ] + [f'{n} workers' if n else 'main process'
                 for n in workers] + ['cores for 1,000 crops/s']
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for name, per in rates.items():
        cells = [
            f'{per[n]:.0f}' + (f' ({per[n] / peer[n]:.2f}x)' if peer
                               and name != 'xie_joints_dataset' else '')
            for n in workers
        ]
        first = per[workers[0]]
        lines.append('| ' +
                     ' | '.join([name] + cells + [f'{1000 / first:.1f}']) +
                     ' |')
    stage_names = list(result['stages']['labeled'])
    lines += [
        '', '| stage (ms per crop) | labeled | unlabeled |', '|---|---|---|'
    ]
    for stage in stage_names:
        row = [
            result['stages'][s].get(stage) for s in ('labeled', 'unlabeled')
        ]
        lines.append(f'| {stage} | ' +
                     ' | '.join('-' if v is None else f'{v:.2f}'
                                for v in row) + ' |')
    return '\n'.join(lines)
