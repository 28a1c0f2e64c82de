"""Keypoint sets of the datasets paired for semi-supervised training.

The labeled and the unlabeled dataset must describe their keypoints the same
way (number, names, flip pairs), or the labeled one must convert its keypoints
into the training set with MMPose's ``KeypointConverter``. MMPose's converter
moves keypoints but keeps the source dataset's per-keypoint metainfo (its
``flip_indices`` among them) in the sample, so :func:`adopt_keypoint_set`
adds, right after it, :class:`AdoptKeypointSet`, which writes the training
set's metainfo into the sample, as MMPose's ``CombinedDataset`` does after
its datasets' converters.
"""
from typing import List, Optional

import numpy as np
from mmengine.dataset import BaseDataset

from mmpose.datasets.transforms import KeypointConverter
from ..utils.pipelines import pipeline_transforms

#: the metainfo fields that define a keypoint set
KEYPOINT_SET_FIELDS = ('num_keypoints', 'keypoint_id2name', 'flip_indices')
#: per-keypoint metainfo that transforms and the model read from a sample
SAMPLE_FIELDS = ('flip_indices', 'flip_pairs', 'upper_body_ids',
                 'lower_body_ids', 'dataset_keypoint_weights', 'sigmas')


def _equal(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


def keypoint_set_difference(meta: dict, other: dict) -> List[str]:
    """The fields of :data:`KEYPOINT_SET_FIELDS` in which the keypoint sets
    of two metainfo dicts differ."""
    return [
        k for k in KEYPOINT_SET_FIELDS
        if not _equal(meta.get(k), other.get(k))
    ]


def describe(dataset: BaseDataset) -> str:
    """``TypeName(ann_file)`` with the dataset's keypoint count."""
    meta = dataset.metainfo
    name = meta.get('dataset_name', '?')
    return (f'{type(dataset).__name__}({getattr(dataset, "ann_file", "")}; '
            f'{meta.get("num_keypoints")} {name} keypoints)')


class AdoptKeypointSet:
    """Write a keypoint set's per-keypoint metainfo (:data:`SAMPLE_FIELDS`)
    into a sample whose keypoints were converted to that set.

    Args:
        metainfo (dict): the parsed metainfo of the training keypoint set.
    """

    def __init__(self, metainfo: dict) -> None:
        self.fields = {
            k: metainfo[k]
            for k in SAMPLE_FIELDS if metainfo.get(k) is not None
        }

    def __call__(self, results: dict) -> dict:
        for key, value in self.fields.items():
            results[key] = value.copy() if hasattr(value, 'copy') else value
        return results

    def __repr__(self) -> str:
        return f'AdoptKeypointSet({len(self.fields)} fields)'


def _converter_index(transforms: list) -> Optional[int]:
    found = [
        i for i, t in enumerate(transforms)
        if isinstance(t, KeypointConverter)
    ]
    return found[-1] if found else None


def adopt_keypoint_set(dataset: BaseDataset, metainfo: dict, role: str,
                       target: str) -> None:
    """Make the samples of ``dataset`` (the ``role`` dataset) carry the
    training keypoint set ``metainfo`` (described as ``target``).

    Nothing to do where the sets agree. Otherwise the dataset's pipeline
    must convert with ``KeypointConverter(num_keypoints=<the set's>)``,
    after which :class:`AdoptKeypointSet` is inserted.

    Raises:
        ValueError: the sets differ and no converter to the set's keypoint
            count is configured; the message names both datasets.
    """
    fields = keypoint_set_difference(dataset.metainfo, metainfo)
    if not fields:
        return
    transforms = pipeline_transforms(dataset)
    index = _converter_index(transforms)
    num = metainfo.get('num_keypoints')
    if index is None or transforms[index].num_keypoints != num:
        fix = ('give it metainfo=<the same keypoint set> (its samples carry '
               'no keypoints)' if role == 'unlabeled' else
               f'start its pipeline with KeypointConverter(num_keypoints='
               f'{num}, mapping=[(source, target), ...])')
        raise ValueError(
            f'the {role} dataset {describe(dataset)} and the training '
            f'keypoint set {target} differ in {fields}; {fix}')
    transforms.insert(index + 1, AdoptKeypointSet(metainfo))
