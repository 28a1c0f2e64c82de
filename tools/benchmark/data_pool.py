"""What a pool of unlabeled boxes costs: build time, peak and resident
memory of the dataset, and the memory of each DataLoader worker, at pool
sizes up to millions of boxes, on generated detection files.

Each size and store (``compact``: one array per field, the dataset's
default; ``dicts``: ``compact=False``, MMEngine's serialized dicts) is
measured in a fresh process (peak memory is per process): the
dataset is built from ``<size>_images.json`` + ``<size>_dets.json``
(MMPose's bbox-file format, 5 boxes per image), then a DataLoader with 0,
2 and 4 workers draws 20 batches of 64 samples (no image decoding: the
pipeline is empty, so only the pool's own memory is measured). A worker's
memory is its private (unshared) resident memory and its proportional set
size, read from ``/proc/<pid>/smaps_rollup`` while it runs.

Example::

    OMP_NUM_THREADS=1 python tools/benchmark_data.py --sizes 10000 100000 \\
        1000000 --work-dir work_dirs/benchmark_data
    # crops per second of the pipelines, beside Xie et al.'s loader
    OMP_NUM_THREADS=1 python tools/benchmark_data.py --throughput \\
        --workers 0 1 2 --peer-repo PATH/TO/Semi_Human_Pose
"""
import argparse
import json
import os
import os.path as osp
import subprocess
import sys
from typing import List, Optional

import numpy as np

PER_IMAGE = 5

# measured in a fresh process: python -c MEASURE ann det workers...
MEASURE = r'''
import gc, json, os, resource, sys, time
import torch
from mmengine.registry import init_default_scope
import mmpose_trs  # noqa: F401
from mmpose.registry import DATASETS
ann, det, compact, *workers = sys.argv[1:]
init_default_scope('mmpose')

def rss_mb():
    with open('/proc/self/status') as f:
        line = next(l for l in f if l.startswith('VmRSS'))
    return int(line.split()[1]) / 1024

def worker_mb(pid):
    out = {}
    with open(f'/proc/{pid}/smaps_rollup') as f:
        for line in f:
            key, _, rest = line.partition(':')
            if key in ('Pss', 'Private_Clean', 'Private_Dirty'):
                out[key] = int(rest.split()[0]) / 1024
    return out['Private_Clean'] + out['Private_Dirty'], out['Pss']

base = rss_mb()
start = time.perf_counter()
ds = DATASETS.build(dict(type='UnlabeledPersonDataset', ann_file=ann,
                         det_file=det, data_prefix=dict(img='images/'),
                         compact=compact == 'compact', pipeline=[]))
build_s = time.perf_counter() - start
gc.collect()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result = dict(boxes=len(ds), store=compact, build_s=build_s, peak_mb=peak,
              dataset_mb=rss_mb() - base, workers={})
sample = ds[len(ds) // 2]
result['sample_keys'] = sorted(sample)
for n in map(int, workers):
    draws = torch.utils.data.RandomSampler(ds, replacement=True,
                                           num_samples=20 * 64)
    loader = torch.utils.data.DataLoader(ds, batch_size=64, sampler=draws,
                                         num_workers=n,
                                         collate_fn=lambda batch: len(batch))
    it = iter(loader)
    next(it)
    for _ in range(19):
        next(it)
    if n:
        mem = [worker_mb(w.pid) for w in it._workers]
        result['workers'][n] = dict(
            private_mb=sum(m[0] for m in mem) / n,
            pss_mb=sum(m[1] for m in mem) / n)
    del it, loader
print('RESULT=' + json.dumps(result))
'''


def make_pool(folder: str, boxes: int, seed: int = 0) -> tuple:
    """Write ``<boxes>_images.json`` and ``<boxes>_dets.json`` (detections
    of ``boxes / 5`` images) under ``folder`` unless present."""
    ann = osp.join(folder, f'{boxes}_images.json')
    det = osp.join(folder, f'{boxes}_dets.json')
    if osp.isfile(ann) and osp.isfile(det):
        return ann, det
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(seed)
    n_img = -(-boxes // PER_IMAGE)
    images = [
        dict(id=i, file_name=f'{i:08d}.jpg', height=480, width=640)
        for i in range(1, n_img + 1)
    ]
    xy = rng.uniform(0, 400, (boxes, 2)).round(2)
    wh = rng.uniform(20, 200, (boxes, 2)).round(2)
    score = rng.uniform(0.3, 1, boxes).round(4)
    dets = [
        dict(
            image_id=i // PER_IMAGE + 1,
            category_id=1,
            bbox=[*xy[i].tolist(), *wh[i].tolist()],
            score=float(score[i])) for i in range(boxes)
    ]
    with open(ann, 'w') as f:
        json.dump(
            dict(
                images=images,
                annotations=[],
                categories=[dict(id=1, name='person')]), f)
    with open(det, 'w') as f:
        json.dump(dets, f)
    return ann, det


def measure(ann: str, det: str, store: str, workers: List[int]) -> dict:
    """Build (``store``: 'compact' or 'dicts') and draw in a fresh
    process; its result."""
    proc = subprocess.run(
        [sys.executable, '-c', MEASURE, ann, det, store] +
        [str(w) for w in workers],
        capture_output=True,
        text=True,
        timeout=3600)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith('RESULT=')]
    if proc.returncode or not line:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(line[0][7:])


def table(rows: List[dict], workers: List[int]) -> str:
    """The Markdown table of the measured sizes."""
    head = [
        'boxes', 'store', 'build (s)', 'peak RSS (MB)', 'dataset RSS (MB)'
    ] + [f'{n} workers: private / PSS per worker (MB)' for n in workers if n]
    lines = ['| ' + ' | '.join(head) + ' |', '|' + '---|' * len(head)]
    for r in rows:
        cells = [
            f'{r["boxes"]:,}', r['store'], f'{r["build_s"]:.1f}',
            f'{r["peak_mb"]:.0f}', f'{r["dataset_mb"]:.0f}'
        ] + [
            '{private_mb:.0f} / {pss_mb:.0f}'.format(**r['workers'][str(n)])
            for n in workers if n
        ]
        lines.append('| ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def main(argv: Optional[List[str]] = None) -> List[dict]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        '--sizes', type=int, nargs='+', default=[10000, 100000, 1000000])
    p.add_argument('--workers', type=int, nargs='+', default=[0, 2, 4])
    p.add_argument(
        '--stores',
        nargs='+',
        default=['compact', 'dicts'],
        choices=['compact', 'dicts'],
        help='compact: one array per field (the default of '
        'UnlabeledPersonDataset); dicts: compact=False, MMEngine\'s '
        'serialized dicts')
    p.add_argument('--work-dir', default='work_dirs/benchmark_data')
    p.add_argument(
        '--throughput',
        action='store_true',
        help='measure the pipelines\' crops per second instead '
        '(benchmark.loader_speed)')
    p.add_argument('--crops', type=int, default=512)
    p.add_argument(
        '--peer-repo',
        help='a checkout of xierc/Semi_Human_Pose: its '
        'JointsDataset beside ours')
    args = p.parse_args(argv)
    os.makedirs(args.work_dir, exist_ok=True)
    if args.throughput:
        from .loader_speed import throughput, throughput_tables
        result = throughput(
            args.crops, args.workers, args.peer_repo, work_dir=args.work_dir)
        print(json.dumps(result))
        print(throughput_tables(result))
        return [result]
    rows = []
    for size in args.sizes:
        ann, det = make_pool(args.work_dir, size)
        for store in args.stores:
            rows.append(measure(ann, det, store, args.workers))
            print(f'{size} boxes, {store}: {json.dumps(rows[-1])}', flush=True)
    print(table(rows, args.workers))
    return rows
