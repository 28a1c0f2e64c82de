"""Multi-level heatmap head: Multi-level Feature Learning (MFL, section IV-C).

Symbols:
    N: batch size; K: keypoints; h, w: heatmap size
    n: number of levels (backbone stages used, the last one is the final level)
"""
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from mmcv.cnn import build_conv_layer
from torch import Tensor, nn

from mmpose.models.heads import HeatmapHead
from mmpose.registry import MODELS
from mmpose.utils.typing import OptSampleList
from .level_losses import level_losses, pck_accuracy


@MODELS.register_module()
class MultiLevelHeatmapHead(HeatmapHead):
    """Predict a heatmap set from each of the last ``n`` backbone stages.

    The final level (the last stage) is an ordinary :class:`HeatmapHead` (same
    submodule names: ``deconv_layers``, ``conv_layers``, ``final_layer``), so a
    plain ``HeatmapHead`` checkpoint loads into it. Each earlier level has its
    own branch built with ``HeatmapHead``'s layer builders; its output is
    resized (bilinear) to the final level's size if the strides differ. Use
    the backbone's ``out_indices`` to expose the stages, e.g. ``(2, 3)`` for
    ResNet C4 and C5 (the paper's best, n = 2).

    Args:
        in_channels (Sequence[int]): channels of each level, earliest first.
        out_channels (int): number of keypoints K.
        deconv_out_channels (Sequence[int]): deconv channels of the final
            level. Defaults to ``(256, 256, 256)``.
        deconv_kernel_sizes (Sequence[int]): their kernel sizes.
        level_deconv_layers (Sequence[int], optional): how many deconv layers
            each level uses (the first ones of ``deconv_out_channels``). By
            default level ``i`` uses
            ``len(deconv_out_channels) - (n - 1 - i)``, as each ResNet
            stage halves the resolution; set ``(2, 2)`` for a backbone whose
            last two stages share a stride (dilated).
        test_level (str): ``'final'`` predicts from the final level,
            ``'mean'`` from the mean of the levels. Defaults to 'final'.
        **kwargs: other ``HeatmapHead`` arguments (loss, decoder, conv layers,
            final_layer, init_cfg).
    """

    def __init__(self,
                 in_channels: Sequence[int],
                 out_channels: int,
                 deconv_out_channels: Sequence[int] = (256, 256, 256),
                 deconv_kernel_sizes: Sequence[int] = (4, 4, 4),
                 level_deconv_layers: Optional[Sequence[int]] = None,
                 test_level: str = 'final',
                 **kwargs):
        if isinstance(in_channels, int):
            in_channels = (in_channels, )
        if test_level not in ('final', 'mean'):
            raise ValueError(f"test_level must be 'final' or 'mean', got "
                             f'{test_level!r}')
        n = len(in_channels)
        if level_deconv_layers is None:
            level_deconv_layers = [
                len(deconv_out_channels) - (n - 1 - i) for i in range(n)
            ]
        if len(level_deconv_layers) != n or min(level_deconv_layers) < 0:
            raise ValueError(f'level_deconv_layers {level_deconv_layers} must '
                             f'give a non-negative count for each of the {n} '
                             'levels')
        m = level_deconv_layers[-1]
        super().__init__(
            in_channels[-1],
            out_channels,
            deconv_out_channels=deconv_out_channels[:m],
            deconv_kernel_sizes=deconv_kernel_sizes[:m],
            **kwargs)
        self.level_in_channels = tuple(in_channels)
        self.test_level = test_level
        self.extra_levels = nn.ModuleList([
            self._make_branch(c, deconv_out_channels[:m],
                              deconv_kernel_sizes[:m], kwargs)
            for c, m in zip(in_channels[:-1], level_deconv_layers[:-1])
        ])

    @property
    def num_levels(self) -> int:
        return len(self.level_in_channels)

    def _make_branch(self, in_channels, deconv_channels, kernel_sizes,
                     kwargs) -> nn.Sequential:
        """deconv layers + conv layers + final 1x1 conv of one level."""
        layers = []
        if deconv_channels:
            layers.append(
                self._make_deconv_layers(in_channels, deconv_channels,
                                         kernel_sizes))
            in_channels = deconv_channels[-1]
        if kwargs.get('conv_out_channels'):
            layers.append(
                self._make_conv_layers(in_channels,
                                       kwargs['conv_out_channels'],
                                       kwargs['conv_kernel_sizes']))
            in_channels = kwargs['conv_out_channels'][-1]
        final = dict(
            type='Conv2d',
            in_channels=in_channels,
            out_channels=self.out_channels,
            kernel_size=1)
        final.update(kwargs.get('final_layer') or {})
        layers.append(build_conv_layer(final))
        return nn.Sequential(*layers)

    def forward_levels(self, feats: Tuple[Tensor]) -> List[Tensor]:
        """Heatmaps of every level, earliest first, final level last.

        Args:
            feats (tuple[Tensor]): backbone outputs; the last ``n`` are used.

        Returns:
            list[Tensor]: ``n`` tensors [N, K, h, w] (the final level's size).
        """
        if len(feats) < self.num_levels:
            raise ValueError(f'{type(self).__name__} has {self.num_levels} '
                             f'levels but the backbone gives {len(feats)} '
                             'feature maps; set its out_indices')
        first = len(feats) - self.num_levels
        self._check_level_order(feats[first:])
        final = super().forward(feats)
        levels = []
        for i, branch in enumerate(self.extra_levels):
            out = branch(feats[first + i])
            if out.shape[-2:] != final.shape[-2:]:
                out = F.interpolate(
                    out,
                    size=final.shape[-2:],
                    mode='bilinear',
                    align_corners=False)
            levels.append(out)
        return levels + [final]

    def _check_level_order(self, feats: Tuple[Tensor]) -> None:
        """Levels run from shallower (larger or equal maps) to the final,
        deepest one, as ResNet-like ``out_indices`` give them."""
        widths = [f.shape[-1] for f in feats]
        if any(a < b for a, b in zip(widths, widths[1:])):
            raise ValueError(
                f'{type(self).__name__} takes the last {self.num_levels} '
                'backbone outputs as levels, shallow to deep (the final level '
                f'last), but their widths grow: {widths}. Backbones whose '
                'outputs come highest resolution first (HRNet branches) do '
                'not fit MFL: use HeatmapHead for them')

    def forward(self, feats: Tuple[Tensor]) -> Tensor:
        """Test-time heatmaps [N, K, h, w]: final level or level mean."""
        if self.test_level == 'final' or self.num_levels == 1:
            return super().forward(feats)
        return torch.stack(self.forward_levels(feats)).mean(0)

    def loss(self,
             feats: Tuple[Tensor],
             batch_data_samples: OptSampleList,
             train_cfg: Optional[dict] = None) -> dict:
        """MSE of every level against the ground truth: ``loss_kpt_l{i}``
        (``loss_kpt`` with one level), plus ``acc_pose`` of the final level."""
        levels = self.forward_levels(feats)
        gt = torch.stack([d.gt_fields.heatmaps for d in batch_data_samples])
        weights = torch.cat([
            d.gt_instance_labels.keypoint_weights for d in batch_data_samples
        ])
        losses = level_losses(self.loss_module, levels, gt, 'loss_kpt',
                              weights)
        if (train_cfg or {}).get('compute_acc', True):
            losses['acc_pose'] = pck_accuracy(levels[-1], gt, weights)
        return losses
