"""What the semi-supervised step needs of a network's head, for any codec:
decode its outputs to keypoints in crop pixels, encode keypoints as its
targets, and its loss on them.

Outputs are what :func:`~.network_ops.heads_forward` returns, a list of
tensors: heatmap levels [N, K, h, w] (final last); for SimCC heads one
tensor [N, K, W_x + W_y] (the x and y vectors joined); for regression heads
one tensor [N, K, D] (RLE: x, y and two sigmas, coordinates as shares of
the crop). Keypoints are in the crop's pixels (MMPose's ``input_size``).

Encoding follows the codec of each head (``head.decoder``): MMPose's
``MSRAHeatmap``/``UDPHeatmap``/``MegviiHeatmap`` (a Gaussian of the codec's
sigma at ``x / scale_factor``), ``SimCCLabel`` (Gaussian label vectors,
``split_ratio`` bins per pixel) and ``RegressionLabel`` (``x / input_size``).

Symbols:
    N: crops; K: keypoints; h, w: heatmap size; W_x, W_y: SimCC bins
"""
from typing import Dict, List, Tuple

import torch
from torch import Tensor, nn

from .heatmap_frame import HEATMAP_CODECS, codec_heatmap_scale
from .level_losses import level_losses
from .pre_affine_augs import heatmap_keypoints

Outputs = List[Tensor]


class HeadAdapter:
    """Base: the codec and crop size of ``net``'s head."""

    kind = ''

    def __init__(self, net: nn.Module):
        self.head = net.head
        self.codec = net.head.decoder
        self.input_size = tuple(int(s) for s in self.codec.input_size)

    def decode(self, out: Outputs) -> Tuple[Tensor, Tensor]:
        """Keypoints [N, K, 2] in crop pixels and scores [N, K]."""
        raise NotImplementedError

    def encode(self, xy: Tensor, weights: Tensor) -> Tuple[Tensor, Tensor]:
        """Targets of keypoints [N, K, 2] and their weights [N, K] (weights
        of keypoints the codec cannot place set to 0)."""
        raise NotImplementedError

    def loss(self, out: Outputs, target: Tensor, weights: Tensor, key: str,
             scale: float) -> Dict[str, Tensor]:
        """``scale`` times the head's loss of ``out`` against ``target``."""
        raise NotImplementedError

    def inside(self, xy: Tensor) -> Tensor:
        """[N, K] bool: keypoints inside the crop."""
        w, h = self.input_size
        return (xy[..., 0] >= 0) & (xy[..., 0] <= w - 1) & \
            (xy[..., 1] >= 0) & (xy[..., 1] <= h - 1)


class HeatmapAdapter(HeadAdapter):
    """Heatmap heads (plain or multi-level): argmax decode of the final
    level; every level learns the one encoded heatmap."""

    kind = 'heatmap'

    def __init__(self, net: nn.Module):
        super().__init__(net)
        self.scale = codec_heatmap_scale(self.codec)
        self.size = tuple(int(s) for s in self.codec.heatmap_size)
        self.sigma = float(getattr(self.codec, 'sigma', 2.))
        self.udp = type(self.codec).__name__ == 'UDPHeatmap'

    def decode(self, out: Outputs) -> Tuple[Tensor, Tensor]:
        return heatmap_keypoints(out[-1], self.scale)

    def encode(self, xy: Tensor, weights: Tensor) -> Tuple[Tensor, Tensor]:
        w, h = self.size
        mu = xy / xy.new_tensor(self.scale)
        if not self.udp:  # MSRA: integer centres, as MMPose's encoder
            mu = torch.floor(mu + 0.5)
        u = torch.arange(w, device=xy.device, dtype=xy.dtype)
        v = torch.arange(h, device=xy.device, dtype=xy.dtype)
        gx = torch.exp(-(u - mu[..., :1])**2 / (2 * self.sigma**2))
        gy = torch.exp(-(v - mu[..., 1:])**2 / (2 * self.sigma**2))
        heatmaps = gy[..., :, None] * gx[..., None, :]
        r = 3 * self.sigma
        placed = (mu[..., 0] + r >= 0) & (mu[..., 0] - r < w) & \
            (mu[..., 1] + r >= 0) & (mu[..., 1] - r < h)
        weights = weights * placed.to(weights.dtype)
        return heatmaps * (weights > 0)[..., None, None], weights

    def loss(self, out: Outputs, target: Tensor, weights: Tensor, key: str,
             scale: float) -> Dict[str, Tensor]:
        return level_losses(self.head.loss_module, out, target, key, weights,
                            None, scale)


class SimCCAdapter(HeadAdapter):
    """SimCC heads (``SimCCHead``, RTMPose's ``RTMCCHead``)."""

    kind = 'simcc'

    def __init__(self, net: nn.Module):
        super().__init__(net)
        self.ratio = float(self.codec.simcc_split_ratio)
        self.bins = tuple(int(round(s * self.ratio)) for s in self.input_size)
        sigma = torch.as_tensor(self.codec.sigma, dtype=torch.float32)
        self.sigma = tuple(float(s) for s in sigma.expand(2))
        self.normalize = bool(self.codec.normalize)

    def split(self, out: Outputs) -> Tuple[Tensor, Tensor]:
        return out[-1].split(self.bins, -1)

    def decode(self, out: Outputs) -> Tuple[Tensor, Tensor]:
        x, y = self.split(out)
        vx, ix = x.max(-1)
        vy, iy = y.max(-1)
        xy = torch.stack([ix, iy], -1).to(out[-1].dtype) / self.ratio
        return xy, torch.minimum(vx, vy)

    def encode(self, xy: Tensor, weights: Tensor) -> Tuple[Tensor, Tensor]:
        mu = torch.round(xy * self.ratio)
        labels, placed = [], torch.ones_like(weights, dtype=torch.bool)
        for d in range(2):
            bins = torch.arange(self.bins[d], device=xy.device, dtype=xy.dtype)
            s = self.sigma[d]
            lab = torch.exp(-(bins - mu[..., d:d + 1])**2 / (2 * s**2))
            if self.normalize:
                lab = lab / (s * (2 * torch.pi)**0.5)
            labels.append(lab)
            placed &= (mu[..., d] + 3 * s + 1 >= 0) & \
                (mu[..., d] - 3 * s < self.bins[d])
        weights = weights * placed.to(weights.dtype)
        return torch.cat(labels, -1), weights

    def loss(self, out: Outputs, target: Tensor, weights: Tensor, key: str,
             scale: float) -> Dict[str, Tensor]:
        pred = self.split(out)
        gt = target.split(self.bins, -1)
        return {key: scale * self.head.loss_module(pred, gt, weights)}


class RegressionAdapter(HeadAdapter):
    """Regression heads (``RegressionHead``; ``RLEHead``: two sigmas
    after the coordinates, score ``mean(1 - sigmoid(sigma))``)."""

    kind = 'regression'

    def decode(self, out: Outputs) -> Tuple[Tensor, Tensor]:
        pred = out[-1]
        xy = pred[..., :2] * pred.new_tensor(self.input_size)
        if pred.shape[-1] >= 4:
            return xy, (1 - pred[..., 2:4].sigmoid()).mean(-1)
        return xy, torch.ones_like(xy[..., 0])

    def encode(self, xy: Tensor, weights: Tensor) -> Tuple[Tensor, Tensor]:
        weights = weights * self.inside(xy).to(weights.dtype)
        return xy / xy.new_tensor(self.input_size), weights

    def loss(self, out: Outputs, target: Tensor, weights: Tensor, key: str,
             scale: float) -> Dict[str, Tensor]:
        pred = out[-1]
        if pred.shape[-1] >= 4:  # RLE
            value = self.head.loss_module(pred[..., :2], pred[..., 2:4],
                                          target, weights[..., None])
        else:
            value = self.head.loss_module(pred, target, weights[..., None])
        return {key: scale * value}


#: codec type -> adapter; a project with its own codec adds it here
ADAPTERS = {
    **{
        c: HeatmapAdapter
        for c in HEATMAP_CODECS
    },
    'SimCCLabel': SimCCAdapter,
    'RegressionLabel': RegressionAdapter,
}


def head_adapter(net: nn.Module, name: str) -> HeadAdapter:
    """The adapter of the head of ``net`` (called ``name`` in messages).

    Raises:
        ValueError: the head has no decoder, or one of no known codec.
    """
    head = getattr(net, 'head', None)
    codec = getattr(head, 'decoder', None)
    if codec is None:
        raise ValueError(
            f'the head of {name} ({type(head).__name__}) has no decoder; '
            'set head.decoder=codec (the codec of GenerateTarget)')
    kind = type(codec).__name__
    if kind not in ADAPTERS:
        raise ValueError(f'the head of {name} ({type(head).__name__}) '
                         f'encodes with {kind}; supported codecs: '
                         f'{sorted(ADAPTERS)}')
    return ADAPTERS[kind](net)
