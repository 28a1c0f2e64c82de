"""Prediction by an ensemble of named networks: their test-time heatmaps
(flip test included, each network with its own ``test_cfg``) averaged in the
crop frame, then decoded once, as Xie et al.'s and MultiAugs' code report
their "ensemble" row.

Symbols: B crops, K keypoints, h x w heatmap.
"""
from typing import Callable, Dict, Iterator, List, Sequence, Tuple, Union

import torch
from torch import Tensor, nn

#: what a prediction target may be: one network, or several averaged
Target = Union[str, Sequence[str]]


def members(target: Target) -> Tuple[str, ...]:
    """The networks of a prediction target: ``'f'`` -> ``('f',)``,
    ``('f', 'g')`` -> itself; ``'f,g'`` (a command line's) -> ``('f', 'g')``.
    """
    if isinstance(target, str):
        return tuple(n.strip() for n in target.split(',') if n.strip())
    return tuple(target)


def _codec(head: nn.Module) -> str:
    decoder = getattr(head, 'decoder', None)
    size = getattr(decoder, 'heatmap_size', None)
    if decoder is None or size is None:
        return ''
    return (f'{type(decoder).__name__}(input_size={tuple(decoder.input_size)}'
            f', heatmap_size={tuple(size)})')


def check_ensemble(nets: Dict[str, nn.Module]) -> None:
    """Refuse an ensemble whose heatmaps cannot be averaged: a head that
    decodes no heatmap, or heads of other codecs or sizes (names both).

    Raises:
        ValueError: the networks and their heads' codecs.
    """
    codecs = {name: _codec(net.head) for name, net in nets.items()}
    first = next(iter(codecs))
    for name, codec in codecs.items():
        if not codec or codec != codecs[first]:
            raise ValueError(
                f'cannot average the heatmaps of {first} '
                f'({type(nets[first].head).__name__}: '
                f'{codecs[first] or "no heatmap codec"}) and {name} '
                f'({type(nets[name].head).__name__}: '
                f'{codec or "no heatmap codec"}); an ensemble needs heatmap '
                'heads of one codec and size')


def averageable(nets: Dict[str, nn.Module]) -> bool:
    """Whether :func:`check_ensemble` accepts the networks."""
    try:
        check_ensemble(nets)
    except ValueError:
        return False
    return True


def test_heatmaps(net: nn.Module, inputs: Tensor,
                  data_samples: List) -> Tuple[list, list, Tensor]:
    """One top-down network's prediction through its own head, as MMPose's
    ``TopdownPoseEstimator.predict`` computes it, with the heatmaps kept.

    Returns:
        tuple: the decoded instances (crop frame), the heatmap fields the
        network's ``test_cfg`` asks for (or None), and the test-time
        heatmaps (B, K, h, w) after flip test.
    """
    feats = net.extract_feat(inputs)
    if net.test_cfg.get('flip_test', False):
        feats = [feats, net.extract_feat(inputs.flip(-1))]
    preds, fields = net.head.predict(
        feats,
        data_samples,
        test_cfg={
            **net.test_cfg, 'output_heatmaps': True
        })
    keep = fields if net.test_cfg.get('output_heatmaps', False) else None
    return preds, keep, torch.stack([f.heatmaps for f in fields])


def decode_mean(net: nn.Module, heatmaps: Sequence[Tensor],
                data_samples: List) -> List:
    """Decode the mean of ``heatmaps`` (each (B, K, h, w)) with ``net``'s
    head and put the keypoints, in image coordinates, into
    ``data_samples``."""
    mean = torch.stack(list(heatmaps)).mean(0)
    return net.add_pred_to_datasample(
        net.head.decode(mean), None, data_samples)


def predict_targets(network: Callable[[str], nn.Module], inputs: Tensor,
                    data_samples: List,
                    targets: Sequence[Target]) -> Iterator[tuple]:
    """Predict every target of ``targets`` on one batch, each network run
    once however many targets it is in.

    A one-network target is that network's own prediction (MMPose's path:
    flip test, decoding, heatmap fields as its ``test_cfg`` says); a longer
    one decodes the mean of its networks' test-time heatmaps with the first
    network's head. ``data_samples`` are filled anew for each target: read
    them before the next one.

    Args:
        network (callable): name -> top-down network.
        inputs (Tensor): the preprocessed crops (B, 3, H, W).
        data_samples (list[PoseDataSample]): their samples.
        targets (Sequence[str | Sequence[str]]): what to predict.

    Yields:
        tuple: ``(target, data_samples)``.
    """
    cache = {}

    def run(name):
        if name not in cache:
            cache[name] = test_heatmaps(network(name), inputs, data_samples)
        return cache[name]

    for target in targets:
        names = members(target)
        if len(names) == 1:
            preds, fields, _ = run(names[0])
            yield target, network(names[0]).add_pred_to_datasample(
                preds, fields, data_samples)
        else:
            yield target, decode_mean(
                network(names[0]), [run(n)[2] for n in names], data_samples)
