"""Unlabeled person crops from a folder of images: each image one
full-frame box, or the boxes ``tools/detect_persons.py`` found in it."""
import os.path as osp
from typing import List, Optional, Sequence

import numpy as np

from mmpose.registry import DATASETS
from .detection_records import read_records, record_boxes
from .media_files import image_size, list_images
from .unlabeled_dataset import UnlabeledPersonDataset


@DATASETS.register_module()
class UnlabeledImageFolder(UnlabeledPersonDataset):
    """Every image under ``data_root/data_prefix['img']`` (searched
    recursively, in sorted order) as unlabeled person crops.

    Without ``det_file`` each image is one box, the whole frame (its size
    read from the image's header when the sample is drawn, so that
    building the dataset opens no image). With ``det_file`` (the JSON-lines
    records of ``tools/detect_persons.py``, keyed by the image's path
    relative to the folder) each image gives its boxes of at least
    ``score_thr``; images without a record, or whose record is an error,
    give none.

    The samples are those of :class:`UnlabeledPersonDataset` (zero
    keypoints, zero visibility); an unreadable image is handled by the
    ``on_bad_sample`` policy of :class:`LabeledUnlabeledDataset` (skipped
    and counted by default for unlabeled data).

    Args:
        det_file (str, optional): detection records; relative to
            ``data_root``. Defaults to None (full frames).
        score_thr (float): minimum detection score. Defaults to 0.
        min_box_size (float): minimum box side in pixels. Defaults to 1.
        **kwargs: ``data_root``, ``data_prefix=dict(img=FOLDER)``,
            ``pipeline``, ``metainfo`` and the other arguments of
            ``BaseCocoStyleDataset`` (no ``ann_file``).
    """

    def __init__(self, *args, **kwargs):
        if kwargs.get('hidden_keypoints_file'):
            raise ValueError(f'{type(self).__name__} has no annotation ids: '
                             'hidden_keypoints_file needs ann_file instances')
        kwargs.setdefault('ann_file', '')
        super().__init__(*args, **kwargs)

    @property
    def folder(self) -> str:
        """The searched folder (``data_root`` joined)."""
        return self.data_prefix['img']

    def media_files(self) -> List[str]:
        """The folder's files, relative to it."""
        return list_images(self.folder)

    def load_data_list(self) -> Sequence[dict]:
        files = self.media_files()
        records = read_records(self.det_file) if self.det_file else None
        data_list = []
        for img_id, name in enumerate(files):
            for frame, shape in self.frames_of(name):
                data_list += self._entries(name, frame, shape, img_id, records,
                                           len(data_list))
        if not data_list:
            raise ValueError(f'{self.det_file or self.folder}: no person '
                             f'boxes (score_thr={self.score_thr}, '
                             f'min_box_size={self.min_box_size}) in '
                             f'{len(files)} files of {self.folder}')
        return self._stored(data_list)

    def frames_of(self, name: str) -> list:
        """``[(frame, (height, width) or None)]`` of a file: one image of
        unknown size."""
        return [(None, None)]

    def _entries(self, name: str, frame: Optional[int], shape, img_id: int,
                 records: Optional[dict], first_id: int) -> List[dict]:
        """The samples of one image or frame: its full frame, or its
        records' boxes."""
        base = dict(
            img_id=img_id, img_path=osp.join(self.folder, name), frame=frame)
        if records is None:
            box = None if shape is None else np.array(
                [[0, 0, shape[1], shape[0]]], np.float32)
            return [
                dict(
                    base,
                    id=first_id,
                    img_shape=shape,
                    bbox=box,
                    bbox_score=np.ones(1, np.float32))
            ]
        record = records.get((name, frame), {})
        shape = (record['height'],
                 record['width']) if 'height' in record else shape
        return [
            dict(
                base,
                id=first_id + i,
                img_shape=shape,
                bbox=box,
                bbox_score=np.array([score], np.float32))
            for i, (box, score) in enumerate(
                record_boxes(record, self.score_thr, self.min_box_size))
        ]

    def prepare_data(self, idx: int) -> dict:
        """The full-frame box of an image of unknown size is read from its
        header now (an unreadable image raises here, named)."""
        info = self.get_data_info(idx)
        if info['bbox'] is None:
            try:
                height, width = image_size(info['img_path'])
            except OSError as error:
                raise OSError(f'{info["img_path"]}: {error}') from error
            info['img_shape'] = (height, width)
            info['bbox'] = np.array([[0, 0, width, height]], np.float32)
        self.load_media(info)
        info['dataset'] = self
        return self.pipeline(info)

    def load_media(self, info: dict) -> None:
        """Put decoded pixels into ``info`` (videos); images are loaded by
        the pipeline's ``LoadImage``."""
