"""The student's step shared by the semi-supervised estimators: hard views of
the unlabeled crops (one or several paths), one student forward, and the
supervised and unsupervised losses.

A *path* is a list of augmentations applied in the easy frame (Keypoint-Mix,
Joint Cutout, SSCO, CutMix, ...; each called as ``aug(images,
teacher_heatmaps, heatmap_scale)``). Every path's images then go through the
same random affine (:class:`~.HardViewAffine`, one draw per crop shared by
the paths, as MultiAugs), so all paths are trained against the same warped
targets, computed once. With one path this is the single hard view of TRS,
Dual networks and PoseCons.

Symbols:
    N_l, N_u: labeled / unlabeled crops; P: paths; C: channels
    K: keypoints; h, w: heatmap size
"""
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import torch
from torch import Tensor, nn

from mmpose.registry import MODELS
from .heatmap_frame import HeatmapScale
from .level_losses import level_losses
from .network_ops import check_choice, heads_forward

Guides = Dict[str, List[Tensor]]


def build_paths(hard_paths: Optional[Sequence[Sequence[dict]]]) -> list:
    """Build the augmentations of every path; None is one path without
    augmentation (the affine alone)."""
    if hard_paths is None:
        return [[]]
    if not hard_paths or any(not isinstance(p, (list, tuple))
                             for p in hard_paths):
        raise ValueError('hard_paths must be a non-empty list of lists of '
                         f'augmentation configs, got {hard_paths!r}')
    return [[MODELS.build(a) for a in path] for path in hard_paths]


class StudentStepMixin:
    """Hard views and student losses; the estimator calls
    :meth:`setup_student_step` in its ``__init__``."""

    def setup_student_step(self,
                           hard_view: Optional[dict],
                           hard_paths: Optional[Sequence[Sequence[dict]]],
                           student_forward: str,
                           pre_affine_aug: Optional[dict] = None) -> None:
        """Args: hard_view (dict, optional): the affine (default
        ``HardViewAffine``); hard_paths (list[list[dict]], optional): the
        paths; student_forward (str): ``'joint'``: labeled and hard-view
        crops in one forward (BatchNorm over both); ``'separate'``: labeled
        crops, then the hard views (as Xie et al.); pre_affine_aug (dict,
        optional): shorthand for ``hard_paths=[[pre_affine_aug]]``."""
        check_choice('student_forward', student_forward, ('joint', 'separate'))
        if pre_affine_aug and hard_paths:
            raise ValueError('give pre_affine_aug (one hard view) or '
                             'hard_paths (several), not both')
        self.hard_view = MODELS.build(hard_view or dict(type='HardViewAffine'))
        self.hard_paths = build_paths(
            [[pre_affine_aug]] if pre_affine_aug else hard_paths)
        self.student_forward = student_forward

    @property
    def num_paths(self) -> int:
        return len(self.hard_paths)

    @property
    def pre_affine_aug(self) -> Optional[Callable]:
        """The augmentation of a single hard-view path (None without)."""
        path = self.hard_paths[0]
        return path[0] if self.num_paths == 1 and len(path) == 1 else None

    def hard_views(
        self,
        x_u: Tensor,
        aug_heatmaps: Tensor,
        guides: Guides,
        aug_scale: Optional[HeatmapScale] = None
    ) -> Tuple[List[Tensor], Guides, Tensor]:
        """Hard views of ``x_u`` [N_u, C, H, W] and the guides' warped targets.

        Args:
            x_u (Tensor): easy-view crops.
            aug_heatmaps (Tensor): [N_u, K, h, w] heatmaps whose peaks place
                the keypoint augmentations (the teacher's final level).
            guides (dict): ``{role: levels}`` heatmaps on the easy view
                (none in keypoint space: only the images are warped, the
                affine stays in ``hard_view.last_matrix``).
            aug_scale (tuple, optional): image pixels per cell of
                ``aug_heatmaps``. Defaults to the networks' heatmap frame.

        Returns:
            tuple: P hard views [N_u, C, H, W], the guides warped by the
            same affine, and the target mask [N_u, 1, h, w].
        """
        views = []
        for path in self.hard_paths:
            x = x_u
            for aug in path:
                x = aug(x, aug_heatmaps, aug_scale or self.heatmap_scale)
            views.append(x)
        flat = [hm for levels in guides.values() for hm in levels]
        # the paths stacked on channels: one affine draw for all of them
        hard, warped, mask = self.hard_view(
            torch.cat(views, 1), flat, self.heatmap_scale)
        out, start = {}, 0
        for role, levels in guides.items():
            out[role] = warped[start:start + len(levels)]
            start += len(levels)
        return list(hard.split(x_u.shape[1], 1)), out, mask

    def student_levels(self, net: nn.Module, x_l: Tensor,
                       hard: List[Tensor]) -> List[Tensor]:
        """Heatmap levels of a student on ``cat([x_l, *hard])``
        [N_l + P N_u, K, h, w], from one forward (``'joint'``) or two
        (``'separate'``)."""
        x_u = torch.cat(hard)
        if self.student_forward == 'joint' or x_l.shape[0] == 0:
            return heads_forward(net, torch.cat([x_l, x_u]))
        parts = zip(heads_forward(net, x_l), heads_forward(net, x_u))
        return [torch.cat(p) for p in parts]

    def path_outputs(self, out: List[Tensor], n_l: int,
                     n_u: int) -> Iterator[Tuple[str, List[Tensor]]]:
        """``(suffix, levels)`` of each hard-view path in a student's outputs
        on ``cat([x_l, *hard])``: ``'_p<k>'`` (``''`` for one path) and the
        levels [N_u, ...] of that path's crops."""
        for k in range(self.num_paths):
            path = f'_p{k}' if self.num_paths > 1 else ''
            yield path, [o[n_l + k * n_u:n_l + (k + 1) * n_u] for o in out]

    def student_losses(self,
                       student: str,
                       x_l: Tensor,
                       targets: Optional[tuple],
                       x_u: Tensor,
                       guides: Guides,
                       scale: float,
                       weights: Optional[Tensor] = None) -> Dict[str, Tensor]:
        """Supervised and unsupervised terms of one student.

        The student sees its labeled crops and the hard views of ``x_u``; each
        guide's warped heatmaps are its targets on every path
        (``unsup_<student>_<role>[_p<k>]_loss_kpt[_l<i>]``). Augmentations
        are placed at the peaks of the first guide's final level.

        Args:
            weights (Tensor, optional): [N_u, K] keypoint weights of the
                unsupervised terms (e.g. SSPCM's score mask); None: all 1.
        """
        if self.target_space == 'keypoint':
            return self.keypoint_student_losses(student, x_l, targets, x_u,
                                                guides, scale, weights)
        first = next(iter(guides.values()))
        hard, warped, mask = self.hard_views(x_u, first[-1], guides)
        if self.target_record is not None:
            self.target_record.add_student(student, warped, mask,
                                           self.hard_view.last_matrix,
                                           self.hard_view.last_heatmap_scale)
        if weights is not None:
            mask = mask * weights[:, :, None, None].to(mask.dtype)
        net = self.network(student)
        out = self.student_levels(net, x_l, hard)
        n_l, n_u = x_l.shape[0], x_u.shape[0]
        losses = {}
        if targets is not None and n_l > 0:
            losses.update(
                self.sup_losses(student, [o[:n_l] for o in out], targets))
        for path, levels in self.path_outputs(out, n_l, n_u):
            for role, target in warped.items():
                if self.unsup_target_level == 'final':
                    target = target[-1:]  # every level from the final one
                losses.update(
                    level_losses(net.head.loss_module, levels, target,
                                 f'unsup_{student}_{role}{path}_loss_kpt',
                                 None, mask, scale))
        return losses
