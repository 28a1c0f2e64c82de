"""Single network consistency (Xie et al.'s PoseCons, the "Single" row)."""
from typing import Dict, Optional, Sequence

from torch import Tensor

from mmpose.registry import MODELS
from .semi_base import SemiPoseEstimator
from .student_step import StudentStepMixin

__all__ = ['SinglePoseEstimator']


@MODELS.register_module()
class SinglePoseEstimator(StudentStepMixin, SemiPoseEstimator):
    """One network ``f`` teaching itself: its easy-view heatmaps (no
    gradient) are the targets of its own hard view (Joint Cutout in Xie et
    al.'s recipe, ``pre_affine_aug=dict(type='TeacherJointCutout')``).

    Args:
        net_f (dict): config of an MMPose ``TopdownPoseEstimator``.
        sup_weight (float): Defaults to 1.0 (PoseCons: ``L_sup + L_cons``).
        unsup_weight (float): Defaults to 1.0.
        **others: as :class:`~.TRSPoseEstimator`.
    """

    def __init__(self,
                 net_f: dict,
                 sup_weight: float = 1.0,
                 student_forward: str = 'separate',
                 hard_view: Optional[dict] = None,
                 pre_affine_aug: Optional[dict] = None,
                 hard_paths: Optional[Sequence[Sequence[dict]]] = None,
                 **kwargs):
        super().__init__(sup_weight=sup_weight, **kwargs)
        self.build_networks(dict(f=net_f), {})
        self.setup_student_step(hard_view, hard_paths, student_forward,
                                pre_affine_aug)

    @property
    def guide_names(self) -> tuple:
        """f alone."""
        return ('f', )

    def semi_loss(self, x_l: Tensor, targets: Optional[tuple], x_u: Tensor,
                  scale: float) -> Dict[str, Tensor]:
        """f on the easy view teaches f on the hard view."""
        easy = self.guide_predictions(x_u, self.guide_names)
        return self.student_losses('f', x_l, targets, x_u,
                                   {'teacher': easy['f']}, scale)
