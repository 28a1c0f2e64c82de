"""What a semi-supervised step gives its students as targets, recorded for
measurement (:class:`mmpose_trs.engine.TargetAccuracyHook`).

A model records only while its ``target_record`` attribute holds a
:class:`TargetRecord` (the hook sets one for the iterations it measures);
recording detaches copies and draws no random numbers, so the step's losses
and updates are those of an unrecorded step.

Symbols:
    N_u: unlabeled crops; K: keypoints; h, w: heatmap size
"""
from typing import Dict, Optional, Tuple

from torch import Tensor


class TargetRecord:
    """The final-level targets of one step, per student and guide role.

    Attributes:
        easy (dict): ``{network: [N_u, K, h, w]}`` final-level heatmaps of
            every guide on the easy view.
        students (dict): ``{student: dict(targets={role: [N_u, K, h, w]},
            mask=[N_u, 1, h, w], matrix=[N_u, 3, 3])}``: the warped targets
            of each guide role in the student's hard frame, the target mask
            and the hard view's inverse pixel map (hard pixel -> easy
            pixel, :func:`~.hard_view.pixel_affine`).
        heatmap_scale (tuple, optional): image pixels per heatmap pixel.
    """

    def __init__(self):
        self.easy: Dict[str, Tensor] = {}
        self.students: Dict[str, dict] = {}
        self.heatmap_scale: Optional[tuple] = None

    def add_easy(self, preds: Dict[str, list]) -> None:
        """Record the guides' easy-view levels (the final one)."""
        self.easy.update({k: v[-1].detach() for k, v in preds.items()})

    def add_student(self, student: str, warped: Dict[str, list], mask: Tensor,
                    matrix: Tensor, heatmap_scale: Tuple[float,
                                                         float]) -> None:
        """Record one student's warped targets (final level of each role),
        mask and hard-view matrix."""
        self.students[student] = dict(
            targets={
                k: v[-1].detach()
                for k, v in warped.items()
            },
            mask=mask.detach(),
            matrix=matrix.detach())
        self.heatmap_scale = heatmap_scale
