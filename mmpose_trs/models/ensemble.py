"""Prediction by an ensemble of named networks. Heatmap heads of one codec
and size: their test-time heatmaps (flip test included, each network with
its own ``test_cfg``) averaged in the crop frame, then decoded once, as Xie
et al.'s and MultiAugs' code report their "ensemble" row. Any other heads
(SimCC, RLE, a mixed pair, two heatmap codecs): the mean of their decoded
keypoints and scores in the crop frame, as keypoint-space targets average
their guides.

Symbols: B crops, K keypoints, h x w heatmap.
"""
from typing import (Callable, Dict, Iterator, List, Optional, Sequence, Tuple,
                    Union)

import numpy as np
import torch
from mmengine.structures import InstanceData
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


def _input_size(head: nn.Module) -> Optional[tuple]:
    size = getattr(getattr(head, 'decoder', None), 'input_size', None)
    return None if size is None else tuple(int(v) for v in size)


def check_ensemble(nets: Dict[str, nn.Module]) -> None:
    """Refuse an ensemble of networks whose heads decode into crops of other
    sizes (names both): neither heatmaps nor keypoints share a frame.

    Raises:
        ValueError: the networks and their heads' input sizes.
    """
    sizes = {name: _input_size(net.head) for name, net in nets.items()}
    first = next(iter(sizes))
    for name, size in sizes.items():
        if size != sizes[first]:
            raise ValueError(
                f'cannot ensemble {first} ({type(nets[first].head).__name__}'
                f', input_size={sizes[first]}) and {name} '
                f'({type(nets[name].head).__name__}, input_size={size}): '
                'an ensemble needs one crop size')


def averageable(nets: Dict[str, nn.Module]) -> bool:
    """Whether the networks' heatmaps can be averaged: heatmap heads of one
    codec and size (else an ensemble averages decoded keypoints)."""
    codecs = {_codec(net.head) for net in nets.values()}
    return len(codecs) == 1 and '' not in codecs


def test_outputs(net: nn.Module,
                 inputs: Tensor,
                 data_samples: List,
                 heatmaps: bool = True
                 ) -> Tuple[list, Optional[list], Optional[Tensor], list]:
    """One top-down network's prediction through its own head, as MMPose's
    ``TopdownPoseEstimator.predict`` computes it, with its keypoints in the
    crop frame and (``heatmaps`` and a heatmap head) its heatmaps kept.

    Returns:
        tuple: the decoded instances (crop frame), the heatmap fields the
        network's ``test_cfg`` asks for (or None), the test-time heatmaps
        (B, K, h, w) after flip test (None without ``heatmaps`` or for a
        head without heatmaps: SimCC, RLE), and copies of the instances'
        keypoints and scores in the crop frame (the first ones are moved to
        the image frame when a target is put into the data samples).
    """
    feats = net.extract_feat(inputs)
    if net.test_cfg.get('flip_test', False):
        feats = [feats, net.extract_feat(inputs.flip(-1))]
    heatmaps = heatmaps and bool(_codec(net.head))
    out = net.head.predict(
        feats,
        data_samples,
        test_cfg={
            **net.test_cfg, 'output_heatmaps':
            heatmaps or net.test_cfg.get('output_heatmaps', False)
        })
    preds, fields = out if isinstance(out, tuple) else (out, None)
    keep = fields if net.test_cfg.get('output_heatmaps', False) else None
    maps = torch.stack([f.heatmaps for f in fields]) if heatmaps else None
    crop = [
        InstanceData(
            keypoints=np.array(p.keypoints),
            keypoint_scores=np.array(p.keypoint_scores)) for p in preds
    ]
    return preds, keep, maps, crop


def decode_mean(net: nn.Module, heatmaps: Sequence[Tensor],
                data_samples: List) -> List:
    """Decode the mean of ``heatmaps`` (each (B, K, h, w)) with ``net``'s
    head and put the keypoints, in image coordinates, into
    ``data_samples``."""
    mean = torch.stack(list(heatmaps)).mean(0)
    return net.add_pred_to_datasample(
        net.head.decode(mean), None, data_samples)


def keypoint_mean(net: nn.Module, crops: Sequence[List[InstanceData]],
                  data_samples: List) -> List:
    """The mean of several networks' decoded keypoints (N, K, 2) and scores
    (N, K) per sample, in the crop frame (``crops``: per network, the
    instances of :func:`test_outputs`), put into ``data_samples`` in image
    coordinates by ``net``."""
    mean = [
        InstanceData(
            keypoints=np.mean([p.keypoints for p in per_sample], axis=0),
            keypoint_scores=np.mean([p.keypoint_scores for p in per_sample],
                                    axis=0)) for per_sample in zip(*crops)
    ]
    return net.add_pred_to_datasample(mean, None, data_samples)


def predict_targets(network: Callable[[str], nn.Module], inputs: Tensor,
                    data_samples: List,
                    targets: Sequence[Target]) -> Iterator[tuple]:
    """Predict every target of ``targets`` on one batch, each network run
    once however many targets it is in.

    A one-network target is that network's own prediction (MMPose's path:
    flip test, decoding, heatmap fields as its ``test_cfg`` says); a longer
    one decodes the mean of its networks' test-time heatmaps with the first
    network's head (:func:`averageable` networks), else averages their
    decoded keypoints (:func:`keypoint_mean`). ``data_samples`` are filled
    anew for each target: read them before the next one.

    Args:
        network (callable): name -> top-down network.
        inputs (Tensor): the preprocessed crops (B, 3, H, W).
        data_samples (list[PoseDataSample]): their samples.
        targets (Sequence[str | Sequence[str]]): what to predict.

    Yields:
        tuple: ``(target, data_samples)``.
    """
    cache = {}
    ensembles = [members(t) for t in targets if len(members(t)) > 1]
    # heatmaps only of networks in an ensemble that averages them
    wanted = {
        n
        for names in ensembles if averageable({m: network(m)
                                               for m in names}) for n in names
    }

    def run(name):
        if name not in cache:
            cache[name] = test_outputs(
                network(name), inputs, data_samples, name in wanted)
        return cache[name]

    for target in targets:
        names = members(target)
        first = network(names[0])
        if len(names) == 1:
            preds, fields, _, _ = run(names[0])
            yield target, first.add_pred_to_datasample(preds, fields,
                                                       data_samples)
        elif averageable({n: network(n) for n in names}):
            yield target, decode_mean(first, [run(n)[2] for n in names],
                                      data_samples)
        else:
            yield target, keypoint_mean(first, [run(n)[3] for n in names],
                                        data_samples)
