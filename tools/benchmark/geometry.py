"""The labs' geometries: lab A is the quick start's (64x96 crops, a dilated
ResNet whose last two stages share stride 16); lab B is the paper's geometry
at CPU cost (96x128 crops, heatmaps at stride 4, a ResNet of stride 32
without dilation, so Multi-level Feature Learning's levels have distinct
strides: 16 and 32, or 8, 16 and 32).

A lab's geometry is applied to a quick-start config by
:func:`apply_geometry`, which rewrites every place the crop size enters
(codec, affine, networks, hard-view patch sizes), so that every arm of a
lab differs from the same arm of the other lab in geometry only.
"""
from typing import Any

#: the paper's crop width (192x256) and hard-view sizes, which each lab
#: scales by its crop width
PAPER_WIDTH = 192
LAB_B = dict(
    input_size=(96, 128),  # (w, h): half the paper's 192x256
    heatmap_size=(24, 32),  # stride 4, as the paper's 48x64
    sigma=1.5,  # lab A's
    backbone=dict(strides=(1, 2, 2, 2), dilations=(1, 1, 1, 1)),
    # stride 32 -> 4: three deconvs, as SimpleBaseline
    deconv_out_channels=(128, 128, 128),
    deconv_kernel_sizes=(4, 4, 4))
#: lab B's schedule: supervised burn-in, then each arm with its LR x0.1
#: after 70 % (the last fifth of an arm, after the drop, must move val AP
#: by less than one seed std: docs/benchmarks.md)
LAB_B_SCHEDULE = dict(
    burn_in_iters=600, iters=800, val_interval=80, decay_at=0.7)
#: hard-view sizes in the paper's pixels, by augmentation type and key
PAPER_SIZES = dict(patch_size=32, jitter=10., half_size=(10, 20))


def scaled(value: Any, width: int) -> Any:
    """A paper hard-view size at crop width ``width`` (rounded to pixels
    for integers, as the quick start's 32 -> 11)."""
    if isinstance(value, (tuple, list)):
        return type(value)(scaled(v, width) for v in value)
    out = value * width / PAPER_WIDTH
    return float(out) if isinstance(value, float) else int(round(out))


def _network(net: dict) -> None:
    """Lab B's backbone strides and head deconvs on a top-down network
    (MFL heads: each level's deconvs from its stride, the head's default)."""
    net['backbone'].update(LAB_B['backbone'])
    head = net['head']
    head['deconv_out_channels'] = LAB_B['deconv_out_channels']
    head['deconv_kernel_sizes'] = LAB_B['deconv_kernel_sizes']
    if head['type'] == 'MultiLevelHeatmapHead':
        head.pop('level_deconv_layers', None)


def _rewrite(node: Any) -> None:
    """Apply lab B's geometry to every dict under ``node`` in place."""
    if isinstance(node, (list, tuple)):
        for item in node:
            _rewrite(item)
        return
    if not isinstance(node, dict):
        return
    kind = node.get('type')
    if kind == 'MSRAHeatmap':
        node.update(
            input_size=LAB_B['input_size'],
            heatmap_size=LAB_B['heatmap_size'],
            sigma=LAB_B['sigma'])
    elif kind == 'TopdownAffine':
        node['input_size'] = LAB_B['input_size']
    elif kind == 'TopdownPoseEstimator':
        _network(node)
    for key, paper in PAPER_SIZES.items():
        if key in node:
            node[key] = scaled(paper, LAB_B['input_size'][0])
    for value in node.values():
        _rewrite(value)


def apply_geometry(cfg, lab: str) -> None:
    """Give ``cfg`` (a quick-start config) the geometry of ``lab`` ('a':
    unchanged, 'b': :data:`LAB_B`), in place.

    Raises:
        ValueError: an unknown lab.
    """
    if lab not in ('a', 'b'):
        raise ValueError(f"lab must be 'a' or 'b', got {lab!r}")
    if lab == 'a':
        return
    for key in ('model', 'train_dataloader', 'val_dataloader',
                'test_dataloader', 'codec'):
        if key in cfg:
            _rewrite(cfg[key])
