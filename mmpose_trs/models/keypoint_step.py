"""Targets in keypoint space, for students of any codec (SimCC, RLE,
heatmaps) and mixed pairs (a heatmap network teaching a SimCC one and back).

Each guide's easy-view prediction is decoded by the guide's own head
(:mod:`.head_adapters`) to keypoints and scores, mapped into the student's
hard view by the same affine as its images (exact, in crop pixels;
keypoints the affine moves out of the crop get weight 0), and encoded by the
student's head. A keypoint's weight is 1, or its score with
``keypoint_soft_weight``; 0 below ``keypoint_score_thr``. Labeled crops are
supervised the same way from their ground-truth keypoints (the labeled
pipeline packs them: ``PackPoseInputs(pack_transformed=True)``), so every
student learns in its own codec.

The pre-affine augmentations (Keypoint-Mix, Joint Cutout, SSCO, ...) take
their keypoints from the first guide's decoded keypoints, drawn as one-hot
maps at :data:`AUG_STRIDE` (within ``AUG_STRIDE / 2`` pixels).

Symbols:
    N_l, N_u: labeled / unlabeled crops; K: keypoints; P: paths
"""
from typing import Dict, List, Optional, Sequence, Tuple

import torch
from torch import Tensor

from ..utils.networks import module_name, source_name
from .hard_view import points_to_hard
from .head_adapters import HeadAdapter, head_adapter

#: image pixels per cell of the maps that place the augmentations
AUG_STRIDE = 4.
TARGET_SPACES = ('auto', 'heatmap', 'keypoint')


def onehot_maps(kpts: Tensor,
                size: Tuple[int, int],
                stride: float = AUG_STRIDE) -> Tensor:
    """Maps [N, K, h, w] holding each keypoint's score at its cell (the
    input of the augmentations' argmax), from keypoints with scores
    [N, K, 3] in a crop of ``size`` (w, h) pixels."""
    n, k, _ = kpts.shape
    w, h = (int(-(-s // stride)) for s in size)
    u = torch.round(kpts[..., 0] / stride).long().clamp(0, w - 1)
    v = torch.round(kpts[..., 1] / stride).long().clamp(0, h - 1)
    maps = kpts.new_zeros(n, k, h * w)
    maps.scatter_(2, (v * w + u)[..., None], kpts[..., 2:].clamp(min=1e-6))
    return maps.view(n, k, h, w)


def stack_keypoints(samples: List) -> Tuple[Tensor, Tensor]:
    """Ground-truth crop keypoints [N, K, 2] and weights [N, K] of labeled
    samples.

    Raises:
        ValueError: a sample lacks ``transformed_keypoints``.
    """
    missing = [
        s.metainfo.get('img_path', '?') for s in samples
        if 'transformed_keypoints' not in s.gt_instances
    ]
    if missing:
        raise ValueError(
            f'{missing[0]}: a labeled sample without transformed_keypoints; '
            'keypoint-space targets (a SimCC/RLE network or a mixed pair) '
            'need PackPoseInputs(pack_transformed=True) in the labeled '
            'pipeline')
    xy = torch.cat([
        torch.as_tensor(s.gt_instances.transformed_keypoints)[..., :2]
        for s in samples
    ]).float()
    weights = torch.cat(
        [s.gt_instance_labels.keypoint_weights for s in samples]).float()
    return xy, weights.to(xy.device)


class KeypointStepMixin:
    """Keypoint-space targets of the estimators; :meth:`setup_targets` is
    called once the networks are built."""

    def setup_targets(self,
                      names: Sequence[str],
                      target_space: str = 'auto',
                      keypoint_score_thr: float = 0.,
                      keypoint_soft_weight: bool = False) -> None:
        """Choose the target space: ``'heatmap'`` (the paper's warp of the
        guides' heatmaps; heatmap networks of one frame only),
        ``'keypoint'``, or ``'auto'``: heatmap when every network is a
        heatmap network and all share one frame, else keypoint."""
        if target_space not in TARGET_SPACES:
            raise ValueError(f'target_space must be one of {TARGET_SPACES}, '
                             f'got {target_space!r}')
        self.adapters = {
            n: head_adapter(self.network(n), module_name(n))
            for n in names
        }
        kinds = {n: a.kind for n, a in self.adapters.items()}
        frames = {getattr(a, 'scale', None) for a in self.adapters.values()}
        warpable = set(kinds.values()) == {'heatmap'} and len(frames) == 1
        if target_space == 'heatmap' and set(kinds.values()) != {'heatmap'}:
            raise ValueError("target_space='heatmap' needs heatmap networks "
                             f'only, got {kinds}')
        self.target_space = 'heatmap' if target_space == 'heatmap' or (
            target_space == 'auto' and warpable) else 'keypoint'
        self.keypoint_score_thr = keypoint_score_thr
        self.keypoint_soft_weight = keypoint_soft_weight

    def adapter(self, name: str) -> HeadAdapter:
        """The head adapter of network ``name`` (a copy: its source's)."""
        return self.adapters[source_name(name)]

    def decode_guides(self, preds: Dict[str, List[Tensor]]) -> dict:
        """``{name: [N, K, 3]}``: each guide's keypoints and scores."""
        out = {}
        for name, levels in preds.items():
            xy, score = self.adapter(name).decode(levels)
            out[name] = [torch.cat([xy, score[..., None]], -1)]
        return out

    def keypoint_weights(self, scores: Tensor) -> Tensor:
        """Weights [N, K] of guide keypoints from their scores."""
        weights = scores.clamp(0, 1) if self.keypoint_soft_weight else \
            torch.ones_like(scores)
        return weights * (scores > self.keypoint_score_thr).to(weights.dtype)

    def keypoint_student_losses(self, student: str, x_l: Tensor,
                                targets: Optional[tuple], x_u: Tensor,
                                guides: dict, scale: float,
                                weights: Optional[Tensor]
                                ) -> Dict[str, Tensor]:
        """:meth:`~.StudentStepMixin.student_losses` in keypoint space:
        ``guides`` are ``{role: [N_u, K, 3]}`` decoded keypoints."""
        first = next(iter(guides.values()))[-1]
        aug_maps = onehot_maps(first, tuple(x_u.shape[-1:-3:-1]))
        hard, _, _ = self.hard_views(x_u, aug_maps, {},
                                     (AUG_STRIDE, AUG_STRIDE))
        matrix = self.hard_view.last_matrix
        out = self.student_levels(self.network(student), x_l, hard)
        n_l, n_u = x_l.shape[0], x_u.shape[0]
        losses = {}
        if targets is not None and n_l > 0:
            losses.update(
                self.sup_losses(student, [o[:n_l] for o in out], targets))
        adapter = self.adapter(student)
        moved = {
            role: points_to_hard(kpts[..., :2], matrix)
            for role, (kpts, ) in guides.items()
        }
        if self.target_record is not None:  # a hook measures the targets
            self.target_record.add_student(student, {
                r: [q]
                for r, q in moved.items()
            }, torch.ones_like(aug_maps[:, :1]), matrix,
                                           (AUG_STRIDE, AUG_STRIDE))
        for role, (kpts, ) in guides.items():
            q = moved[role]
            w = self.keypoint_weights(kpts[..., 2]) * adapter.inside(q)
            if weights is not None:
                w = w * weights
            target, w = adapter.encode(q, w)
            for path, levels in self.path_outputs(out, n_l, n_u):
                losses.update(
                    adapter.loss(levels, target, w,
                                 f'unsup_{student}_{role}{path}_loss_kpt',
                                 scale))
        return losses

    def keypoint_sup_losses(self, name: str, out: List[Tensor],
                            targets: tuple) -> Dict[str, Tensor]:
        """Supervised loss of network ``name`` against ground-truth
        keypoints ``targets`` (crop keypoints, weights) in its own codec."""
        adapter = self.adapter(name)
        xy, weights = targets
        target, weights = adapter.encode(
            xy.to(out[-1].device), weights * adapter.inside(xy))
        return adapter.loss(out, target, weights, f'sup_{name}_loss_kpt',
                            self.sup_weight)
