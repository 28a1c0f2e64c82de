"""Person boxes of image folders and videos, one JSON line per image or
frame, as ``tools/detect_persons.py`` appends them (so that an interrupted
run resumes without redoing finished images) and as the folder and video
datasets read them.

A line: ``{"file": "<path relative to the folder>", "frame": <index or
null>, "height": H, "width": W, "boxes": [[x, y, w, h, score], ...]}``, or
``{"file": ..., "frame": ..., "error": "<why it cannot be read>"}``.
"""
import json
import os
import os.path as osp
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np

#: a record's key: (file relative to the source folder, frame or None)
Key = Tuple[str, Optional[int]]


def record_key(record: dict) -> Key:
    """The ``(file, frame)`` of a record."""
    return record['file'], record.get('frame')


def read_records(path: str) -> Dict[Key, dict]:
    """The records of ``path`` by ``(file, frame)``; a later line for the
    same key replaces an earlier one.

    A last line without its newline (a writer stopped mid-line) is
    ignored; any other line that is not a record is an error.

    Raises:
        FileNotFoundError: no such file.
        ValueError: a bad line, named by file and line number.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'detection records {path} do not exist')
    records = {}
    with open(path) as f:
        lines = f.read().split('\n')
    for number, line in enumerate(lines, 1):
        if not line.strip() or (number == len(lines)):
            continue  # blank, or the unterminated tail of a stopped writer
        try:
            record = json.loads(line)
            key = record_key(record)
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f'{path}, line {number}: not a detection record '
                             f'({error})') from error
        if 'error' not in record and 'boxes' not in record:
            raise ValueError(f'{path}, line {number}: a record needs "boxes" '
                             'or "error"')
        records[key] = record
    return records


class RecordWriter:
    """Appends records to a JSON-lines file, each batch flushed to disk, so
    that what was written survives an interrupted run.

    A file ending mid-line (a run killed while writing) is cut back to its
    last complete line before appending.
    """

    def __init__(self, path: str):
        self.path = path
        os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
        _cut_partial_line(path)
        self._file = open(path, 'a')

    def write(self, records: Iterable[dict]) -> None:
        for record in records:
            self._file.write(json.dumps(record) + '\n')
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _cut_partial_line(path: str) -> None:
    if not osp.isfile(path) or not osp.getsize(path):
        return
    with open(path, 'rb+') as f:
        data = f.read()
        if data.endswith(b'\n'):
            return
        f.truncate(data.rfind(b'\n') + 1)


def record_boxes(record: dict,
                 score_thr: float = 0.,
                 min_box_size: float = 1.) -> List[Tuple[np.ndarray, float]]:
    """The boxes of a record kept by ``score_thr`` and ``min_box_size``, as
    ``(xyxy [1, 4] float32, score)``; none for an error record."""
    out = []
    for box in record.get('boxes', []):
        x, y, w, h, score = (list(box) + [1.])[:5]
        if score < score_thr or w < min_box_size or h < min_box_size:
            continue
        out.append((np.array([[x, y, x + w, y + h]], np.float32), score))
    return out
