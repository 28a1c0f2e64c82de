"""Reading what MMEngine's ``LocalVisBackend`` logged: one
``<work_dir>/<timestamp>/vis_data/scalars.json`` per run, a JSON record a
line (training losses and times, validation metrics, with their ``step``)."""
import glob
import json
import os.path as osp
from typing import List, Optional


def scalar_files(work_dir: str) -> List[str]:
    """The ``scalars.json`` of every run in ``work_dir``, oldest first."""
    return sorted(
        glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')))


def read_scalars(work_dir: str, run: Optional[int] = -1) -> List[dict]:
    """The logged records of one run: the newest by default, ``run`` (an
    index into :func:`scalar_files`, oldest first) or, with None, of every
    run in order.

    Raises:
        FileNotFoundError: no run logged in ``work_dir``.
    """
    files = scalar_files(work_dir)
    if not files:
        raise FileNotFoundError(f'no */vis_data/scalars.json under {work_dir}')
    records = []
    for path in files if run is None else [files[run]]:
        with open(path) as f:
            records += [json.loads(line) for line in f if line.strip()]
    return records
