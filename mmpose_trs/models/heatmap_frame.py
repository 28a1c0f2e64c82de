"""The image <-> heatmap coordinate convention of a network's codec.

The hard view moves teacher heatmaps by an affine given in image pixels, and
Keypoint-Mix reads keypoints off heatmaps: both need the map between image
pixel ``x`` and heatmap pixel ``u`` that the codec used to draw the targets.
MMPose's top-down heatmap codecs all encode ``u = x / scale_factor``, with a
``scale_factor`` that differs by codec:

- ``MSRAHeatmap``, ``MegviiHeatmap``: ``W / w`` (``u = x * w / W``);
- ``UDPHeatmap``: ``(W - 1) / (w - 1)`` (unbiased data processing).

So the frame is read from the codec, not assumed from the tensor shapes.
"""
from typing import Any, Tuple

from torch import Tensor, nn

#: codecs whose targets are heatmaps drawn at ``x / scale_factor``; a
#: project with its own heatmap codec of that kind adds its type name here
HEATMAP_CODECS = {'MSRAHeatmap', 'UDPHeatmap', 'MegviiHeatmap'}

#: (image pixels per heatmap pixel in x, in y)
HeatmapScale = Tuple[float, float]


def codec_heatmap_scale(codec: Any, where: str = 'the codec') -> HeatmapScale:
    """Image pixels per heatmap pixel ``(s_x, s_y)`` of a built codec:
    ``x_img = u_hm * s``.

    Raises:
        ValueError: the codec does not make heatmap targets (SimCC, RLE,
            regression, ...), which TRS needs.
    """
    name = type(codec).__name__
    if name not in HEATMAP_CODECS:
        raise ValueError(
            f'{where} encodes with {name}; the TRS family needs heatmap '
            'targets (teacher heatmaps are warped into the hard view), from '
            f'one of {sorted(HEATMAP_CODECS)}. SimCC, RLE and other '
            'coordinate codecs are not supported')
    sx, sy = (float(s) for s in codec.scale_factor)
    return sx, sy


def shape_heatmap_scale(images: Tensor, heatmaps: Tensor) -> HeatmapScale:
    """``(W / w, H / h)`` from images [N, C, H, W] and heatmaps
    [N, K, h, w]: the MSRA convention, used when no codec is given."""
    (height, width), (h, w) = images.shape[-2:], heatmaps.shape[-2:]
    return width / w, height / h


def network_heatmap_scale(net: nn.Module, name: str) -> HeatmapScale:
    """:func:`codec_heatmap_scale` of the codec that the head of the
    top-down network ``net`` (called ``name`` in messages) decodes with."""
    head = getattr(net, 'head', None)
    if head is None:
        raise ValueError(f'{name} ({type(net).__name__}) has no head; the '
                         'TRS family needs MMPose top-down heatmap networks')
    decoder = getattr(head, 'decoder', None)
    if decoder is None:
        raise ValueError(
            f'the head of {name} ({type(head).__name__}) has no decoder; '
            'set head.decoder=codec (the codec of GenerateTarget), from '
            'which the image-to-heatmap frame is read')
    return codec_heatmap_scale(decoder,
                               f'the head of {name} ({type(head).__name__})')


def shared_heatmap_scale(nets: dict) -> HeatmapScale:
    """The one frame of several networks ``{name: net}``.

    Raises:
        ValueError: the networks' codecs map images to heatmaps differently
            (their heatmaps could not teach one another).
    """
    scales = {name: network_heatmap_scale(n, name) for name, n in nets.items()}
    if len(set(scales.values())) > 1:
        raise ValueError(
            'the networks must share one image-to-heatmap frame (codec '
            f'input_size and heatmap_size) to teach each other, got image '
            f'pixels per heatmap pixel {scales}')
    return next(iter(scales.values()))
