"""Splitting a mixed batch by the branch mark (the contract's errors are in
tests/test_datasets/test_labeled_unlabeled_dataset.py), and stacking the
labeled targets."""
import torch
from helpers import batch

from mmpose_trs.models.batch_split import split_batch, stack_targets


def test_split_batch_by_branch():
    x, ds = batch(3, 2)
    (xl, sl), (xu, su) = split_batch(x, ds)
    assert xl.shape[0] == 3 and xu.shape[0] == 2 and len(sl) == 3
    assert torch.equal(xu, x[3:])
    shuffled = [ds[3], ds[0], ds[4], ds[1], ds[2]]
    xs = x[[3, 0, 4, 1, 2]]
    (xl, _), (xu, _) = split_batch(xs, shuffled)
    assert torch.equal(xl, x[:3]) and torch.equal(xu, x[3:])


def test_stack_targets_shapes_and_values():
    _, ds = batch(2, 0)
    heatmaps, weights = stack_targets(ds)
    assert heatmaps.shape == (2, 17, 16, 8) and weights.shape == (2, 17)
    assert torch.equal(heatmaps[1], ds[1].gt_fields.heatmaps)
    assert torch.equal(weights, torch.ones(2, 17))
