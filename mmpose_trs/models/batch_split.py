"""Split a mixed batch into its labeled and unlabeled parts, by the branch
that :class:`~mmpose_trs.datasets.LabeledUnlabeledDataset` marks on every
sample, and check that each part carries (or lacks) targets as it should."""
from typing import List, Tuple

import torch
from torch import Tensor

from mmpose.structures import PoseDataSample
from ..utils.branches import BRANCH_KEY, SOURCES


def _where(data_sample) -> str:
    return data_sample.metainfo.get('img_path', 'a training sample')


def is_labeled(data_sample: PoseDataSample) -> bool:
    """Whether the sample comes from the labeled dataset.

    Raises:
        ValueError: the sample has no branch mark (the training set is not
            a ``LabeledUnlabeledDataset``), a labeled sample has no targets
            (heatmaps or keypoint labels), or an unlabeled sample has them.
    """
    branch = data_sample.metainfo.get(BRANCH_KEY)
    if branch not in SOURCES:
        raise ValueError(
            f'{_where(data_sample)}: data sample has {BRANCH_KEY}={branch!r}; '
            'build the training set as dict(type=\'LabeledUnlabeledDataset\', '
            'labeled=..., unlabeled=...), which marks every sample')
    has_targets = 'heatmaps' in data_sample.get('gt_fields', {}) or \
        'keypoint_weights' in data_sample.get('gt_instance_labels', {})
    if branch == 'labeled' and not has_targets:
        raise ValueError(
            f'{_where(data_sample)}: labeled sample without targets; the '
            'labeled pipeline needs GenerateTarget (e.g. with MSRAHeatmap '
            'or SimCCLabel) before PackPoseInputs')
    if branch == 'unlabeled' and has_targets:
        raise ValueError(
            f'{_where(data_sample)}: unlabeled sample with targets; remove '
            'GenerateTarget from the unlabeled pipeline')
    return branch == 'labeled'


def split_batch(inputs: Tensor, data_samples: List
                ) -> Tuple[Tuple[Tensor, List], Tuple[Tensor, List]]:
    """Split ``inputs`` [N, C, H, W] and their samples by :func:`is_labeled`.

    Returns:
        tuple: ``((labeled inputs, labeled samples), (unlabeled inputs,
        unlabeled samples))``; a part may hold zero samples.
    """
    flags = [is_labeled(d) for d in data_samples]
    lab = [i for i, f in enumerate(flags) if f]
    unl = [i for i, f in enumerate(flags) if not f]
    if lab == list(range(len(lab))):  # the sampler's order: a cheap slice
        parts = (inputs[:len(lab)], inputs[len(lab):])
    else:
        idx = inputs.new_tensor(
            lab, dtype=torch.long), inputs.new_tensor(
                unl, dtype=torch.long)
        parts = (inputs[idx[0]], inputs[idx[1]])
    return ((parts[0], [data_samples[i] for i in lab]),
            (parts[1], [data_samples[i] for i in unl]))


def stack_targets(data_samples: List) -> Tuple[Tensor, Tensor]:
    """Ground-truth heatmaps [N, K, h, w] and keypoint weights [N, K]."""
    heatmaps = torch.stack([d.gt_fields.heatmaps for d in data_samples])
    weights = torch.cat(
        [d.gt_instance_labels.keypoint_weights for d in data_samples])
    return heatmaps, weights
