"""Top-down person crops without keypoints, for the unlabeled branch."""
import os.path as osp
from typing import List, Optional, Sequence

import numpy as np
from mmengine.fileio import join_path
from mmengine.utils import is_abs

from mmpose.datasets.datasets.base import BaseCocoStyleDataset
from mmpose.registry import DATASETS
from ..safety.annotation_errors import reading_annotations
from .compact_store import CompactInstances, from_arrays
from .detection_file import detection_columns, read_detection_files
from .hidden_keypoints import attach_hidden_keypoints, check_hidden_pipeline
from .instance_filter import is_valid_instance

INSTANCE_FILTERS = ('box', 'xie')


@DATASETS.register_module()
class UnlabeledPersonDataset(BaseCocoStyleDataset):
    """Person boxes with no keypoints, read from one of two sources.

    (a) a COCO person-keypoints json (``ann_file``) whose ground-truth boxes
        are used and whose keypoints are ignored, or
    (b) a detection results json (``det_file``, MMPose's bbox-file format: a
        list of ``dict(image_id, bbox=[x, y, w, h], score, category_id)``)
        together with an ``ann_file`` that lists the images; boxes below
        ``score_thr`` are dropped.

    Every sample has zero keypoints with zero visibility, so a pipeline without
    ``GenerateTarget`` gives the model an image and its crop metadata only.
    The metainfo is what MMPose's COCO-style dataset of the same keypoint set
    and file has (``CLASSES`` from the file's categories, whichever source),
    so ``ConcatDataset`` pairs the two as they are.

    Args:
        det_file (str, optional): detection results json; a relative path
            is read under ``data_root``, as ``ann_file`` is. Defaults to None.
        score_thr (float): minimum detection score kept. Defaults to 0.
        min_box_size (float): minimum box width and height in pixels.
            Defaults to 1.
        instance_filter (str): which instances of an ``ann_file`` are kept:
            ``'box'``: every non-crowd box of at least ``min_box_size``;
            ``'xie'``: Xie et al.'s valid instances (positive area, a box
            inside the image, at least one labeled keypoint: the 149,813 of
            COCO train2017), which needs the file's original keypoints.
            Split files of ``tools/split_coco.py --protocol xie`` hold only
            those already (keypoints removed): use ``'box'`` with them.
            Defaults to 'box'.
        hidden_keypoints_file (str, optional): a COCO keypoints json with
            the true keypoints of ``ann_file``'s instances, matched by
            annotation id (the synthetic ``train_full`` file, or COCO's
            original file for the protocol's unlabeled pool), for measuring
            targets only: the samples carry them as ``keypoints`` through
            the pipeline, whose ``HideKeypoints`` transform must then move
            them out of reach of every loss. Not with ``det_file``.
            Defaults to None.
        compact (bool): hold the instances one array per field
            (:class:`~.compact_store.CompactInstances`: a million boxes
            in tens of MB, shared by DataLoader workers without copying;
            the zero keypoints are made per sample, ``segmentation`` is not
            kept) instead of MMEngine's serialized dicts. Defaults to True.
        metainfo (dict, optional): keypoint definitions; defaults to COCO.
        **kwargs: the arguments of ``BaseCocoStyleDataset``.
    """

    METAINFO: dict = dict(from_file='configs/_base_/datasets/coco.py')

    def __init__(self,
                 *args,
                 det_file: Optional[str] = None,
                 score_thr: float = 0.,
                 min_box_size: float = 1.,
                 instance_filter: str = 'box',
                 hidden_keypoints_file: Optional[str] = None,
                 compact: bool = True,
                 **kwargs):
        if hidden_keypoints_file:
            check_hidden_pipeline(
                kwargs.get('pipeline', []), hidden_keypoints_file, det_file)
        self.hidden_keypoints_file = hidden_keypoints_file
        if instance_filter not in INSTANCE_FILTERS:
            raise ValueError(f'instance_filter must be one of '
                             f'{INSTANCE_FILTERS}, got {instance_filter!r}')
        self.instance_filter = instance_filter
        self.det_file = det_file
        self.score_thr = score_thr
        self.min_box_size = min_box_size
        self.compact = compact
        if compact:  # the store is shared already: no pickled copy
            kwargs['serialize_data'] = False
        super().__init__(*args, **kwargs)

    def load_data_list(self) -> Sequence[dict]:
        if self.det_file:
            data_list = self._load_detections()
        else:
            with reading_annotations(self.ann_file, type(self).__name__):
                instances, _ = self._load_annotations()
            data_list = [
                self._strip_keypoints(d) for d in instances if self._keep(d)
            ]
            if self.hidden_keypoints_file:
                with reading_annotations(self.hidden_keypoints_file,
                                         type(self).__name__):
                    attach_hidden_keypoints(data_list,
                                            self.hidden_keypoints_file,
                                            self.ann_file)
            data_list = self._stored(data_list)
        if hasattr(self, 'coco'):
            del self.coco
        if not len(data_list):
            src = self.det_file or self.ann_file
            raise ValueError(f'{src}: no person boxes left (score_thr='
                             f'{self.score_thr}, min_box_size='
                             f'{self.min_box_size}, instance_filter='
                             f'{self.instance_filter!r}); the unlabeled set '
                             'is empty')
        return data_list

    def _stored(self, data_list: List[dict]) -> Sequence[dict]:
        """``data_list`` in the compact store (without the zero keypoints,
        made per sample, and polygons), or as it is."""
        if not self.compact:
            return data_list
        drop = {'segmentation', 'raw_ann_info'}
        if not self.hidden_keypoints_file:
            drop |= {'keypoints', 'keypoints_visible', 'num_keypoints'}
        return CompactInstances.from_dicts([{
            k: v
            for k, v in d.items() if k not in drop
        } for d in data_list])

    def get_data_info(self, idx: int) -> dict:
        """A sample; the zero keypoints of an unlabeled box made here."""
        info = super().get_data_info(idx)
        if 'keypoints' not in info:
            self._strip_keypoints(info)
        return info

    def _join_prefix(self) -> None:
        """MMEngine's joining of ``data_root`` with ``ann_file`` and the
        prefixes, applied to ``det_file`` too."""
        super()._join_prefix()
        for key in ('det_file', 'hidden_keypoints_file'):
            path = getattr(self, key)
            if path and not is_abs(path) and self.data_root:
                setattr(self, key, join_path(self.data_root, path))

    def _keep(self, info: dict) -> bool:
        """Apply ``instance_filter`` to an instance of ``ann_file``."""
        if self.instance_filter == 'xie':
            return is_valid_instance(info['raw_ann_info'],
                                     self.coco.imgs[info['img_id']])
        return self._is_valid_box(info)

    def _is_valid_box(self, info: dict) -> bool:
        """Keep non-crowd boxes of at least ``min_box_size``; no keypoint
        requirement (unlike the labeled datasets)."""
        if info.get('iscrowd', 0):
            return False
        w, h = info['bbox'][0, 2:4] - info['bbox'][0, :2]
        return w >= self.min_box_size and h >= self.min_box_size

    def _strip_keypoints(self, info: dict) -> dict:
        k = self.metainfo['num_keypoints']
        info['keypoints'] = np.zeros((1, k, 2), dtype=np.float32)
        info['keypoints_visible'] = np.zeros((1, k), dtype=np.float32)
        info['num_keypoints'] = 0
        info.pop('raw_ann_info', None)
        return info

    def _load_detections(self) -> Sequence[dict]:
        """Read ``det_file``; image sizes and paths come from ``ann_file``
        (:mod:`.detection_file`: one array per field)."""
        dets, listing = read_detection_files(self.det_file, self.ann_file,
                                             type(self).__name__)
        if 'categories' in listing:  # as MMPose's COCO-style datasets do
            self._metainfo['CLASSES'] = listing['categories']
        images = listing['images']
        cols = detection_columns(dets, images, self.det_file, self.ann_file,
                                 self.score_thr, self.min_box_size)
        del dets
        prefix = self.data_prefix['img']
        paths = np.array([osp.join(prefix, im['file_name']) for im in images])
        shapes = np.array([(im['height'], im['width']) for im in images],
                          np.int64).reshape(-1, 2)
        ids = np.array([im['id'] for im in images])
        pos, n = cols['image_pos'], len(cols['image_pos'])
        store = from_arrays(
            n,
            arrays=dict(
                bbox=cols['bbox'][:, None], bbox_score=cols['score'][:, None]),
            strings=dict(img_path=(paths, pos.astype(np.int32))),
            tuples=dict(img_shape=shapes[pos]),
            scalars=dict(img_id=ids[pos], id=cols['det_index']))
        if self.compact:
            return store
        return [self._strip_keypoints(store[i]) for i in range(n)]
