"""Split a mixed batch into its labeled and unlabeled parts."""
from typing import List, Tuple

import torch
from torch import Tensor


def is_labeled(data_sample) -> bool:
    """A sample is labeled when the pipeline generated heatmap targets for it
    (``GenerateTarget``); unlabeled pipelines stop before that."""
    return 'heatmaps' in data_sample.get('gt_fields', {})


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
        idx = inputs.new_tensor(lab, dtype=torch.long), inputs.new_tensor(
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
