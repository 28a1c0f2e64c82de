"""SSPCM (Huang et al., CVPR 2023): two teachers trained as Dual networks and
a student trained on their corrected pseudo-labels."""
from typing import Dict, Optional, Sequence, Union

from torch import Tensor

from mmpose.registry import MODELS
from .pcm import PAIRS, pcm_pseudo_label, score_mask
from .semi_base import SemiPoseEstimator
from .student_step import StudentStepMixin

__all__ = ['SSPCMPoseEstimator']


@MODELS.register_module()
class SSPCMPoseEstimator(StudentStepMixin, SemiPoseEstimator):
    """Teachers ``f``, ``g`` and student ``s``, with snapshots ``snapshot_f``,
    ``snapshot_g`` of the teachers refreshed every ``snapshot_interval``
    iterations (an epoch in SSPCM's code).

    One step after burn-in: f and g teach each other on their hard views
    (Dual networks); the student learns on its hard view from the PCM
    pseudo-label, the mean heatmap of the closest of the pairs (f, g),
    (f', g), (f, g'), (f', g') (:mod:`.pcm`). Every unsupervised term weighs a
    keypoint 0 when the current teachers' mean peak is at most
    ``score_thr``. The hard views carry ``hard_paths`` (SSPCM: Cut-Occlude at
    the guiding heatmaps' keypoints, ``TeacherCutOcclude``).

    Args:
        net_f (dict): teacher config (an MMPose ``TopdownPoseEstimator``).
        net_g (dict, optional): second teacher; defaults to ``net_f``'s.
        net_s (dict, optional): student; defaults to ``net_f``'s. It may have
            another backbone (SSPCM's 1K recipe: ResNet-50 teachers, a
            ResNet-18 student) and, in keypoint space, another head and
            codec (PCM then compares decoded keypoints and the pseudo-label
            is the chosen pair's mean keypoints).
        snapshot_interval (int | str): iterations between snapshot
            refreshes, or ``'epoch'`` (SSPCM's: one epoch of the mixed
            stream, as ``MixedEpochTrainLoop`` counts it). Defaults to
            'epoch'.
        score_thr (float): keypoint score threshold. Defaults to 0.1.
        test_cfg (dict, optional): ``predict_on`` defaults to ``'s'``.
        **others: as :class:`~.TRSPoseEstimator` (weights, burn-in, BN mode,
            student forward, hard view, ``pre_affine_aug`` / ``hard_paths``).
    """

    def __init__(self,
                 net_f: dict,
                 net_g: Optional[dict] = None,
                 net_s: Optional[dict] = None,
                 snapshot_interval: Union[int, str] = 'epoch',
                 score_thr: float = 0.1,
                 student_forward: str = 'separate',
                 hard_view: Optional[dict] = None,
                 pre_affine_aug: Optional[dict] = None,
                 hard_paths: Optional[Sequence[Sequence[dict]]] = None,
                 test_cfg: Optional[dict] = None,
                 **kwargs):
        super().__init__(
            snapshot_interval=snapshot_interval,
            test_cfg={
                'predict_on': 's',
                **(test_cfg or {})
            },
            **kwargs)
        self.score_thr = score_thr
        self.build_networks(
            dict(f=net_f, g=net_g, s=net_s), dict(snapshot=('f', 'g')))
        self.setup_student_step(hard_view, hard_paths, student_forward,
                                pre_affine_aug)

    @property
    def guide_names(self) -> tuple:
        """The four teachers of PCM: f, g and their snapshots."""
        return tuple(dict.fromkeys(sum(PAIRS, ())))

    def semi_loss(self, x_l: Tensor, targets: Optional[tuple], x_u: Tensor,
                  scale: float) -> Dict[str, Tensor]:
        """The teachers co-train as Dual networks; the student learns from
        the PCM pseudo-label; low-score keypoints weigh 0 everywhere."""
        easy = self.guide_predictions(x_u, self.guide_names)
        final = {name: levels[-1] for name, levels in easy.items()}
        weights = score_mask(final['f'], final['g'], self.score_thr)
        losses = {}
        for student, teacher in (('g', 'f'), ('f', 'g')):
            losses.update(
                self.student_losses(student, x_l, targets, x_u,
                                    {'teacher': easy[teacher]}, scale,
                                    weights))
        pseudo, _ = pcm_pseudo_label(final)
        losses.update(
            self.student_losses('s', x_l, targets, x_u, {'pcm': [pseudo]},
                                scale, weights))
        return losses
