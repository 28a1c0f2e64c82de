"""Teacher-Reviewer-Student semi-supervised pose estimator (Yun et al.),
and Xie et al.'s Dual networks (``use_reviewers=False``)."""
from typing import Dict, Optional, Sequence

from torch import Tensor

from mmpose.registry import MODELS
from ..utils.networks import NETWORKS, REVIEWERS
from .network_ops import check_choice
from .semi_base import SemiPoseEstimator
from .student_step import StudentStepMixin

__all__ = ['TRSPoseEstimator']


@MODELS.register_module()
class TRSPoseEstimator(StudentStepMixin, SemiPoseEstimator):
    """Two top-down pose networks ``net_f``/``net_g`` that teach each other on
    unlabeled crops, plus their EMA copies ``reviewer_f``/``reviewer_g``.

    One training step (per student ``L = sup_weight * L_s + unsup_weight *
    sum over guides of L_u``, the paper's eq. 12): supervised MSE for f and g
    on labeled crops; on unlabeled crops the
    teacher and a reviewer predict on the easy view without gradients, the
    hard view is the easy view after ``pre_affine_aug`` (e.g. Keypoint-Mix)
    and a random affine, the targets are the teacher/reviewer heatmaps warped
    by the same affine, and each student learns on its hard view. Roles
    alternate: f teaches g and g teaches f in every step.

    BatchNorm policy: teachers predict on the easy view in train mode (batch
    statistics, running statistics updated) as in Xie et al., or in eval mode
    with ``teacher_bn_mode='eval'``; reviewers always use their averaged
    running statistics (they stay in eval mode, even after ``model.train()``).

    Args:
        net_f (dict): config of an MMPose ``TopdownPoseEstimator``.
        net_g (dict, optional): config of the second network; defaults to a
            copy of ``net_f`` (independently initialised).
        data_preprocessor (dict, optional): shared by all networks.
        use_reviewers (bool): build and use the reviewers; False gives Xie et
            al.'s Dual networks. Defaults to True.
        reviewer_pairing (str): ``'teacher'``: the teacher's own EMA guides the
            student (r_f with f); ``'student'``: the student's EMA does.
        train_reviewers_on_labeled (bool): add the reviewers' supervised loss
            (the literal reading of eq. 3). Defaults to False.
        sup_weight (float): weight of each network's supervised term.
            Defaults to 0.5 (Xie et al.'s code and our reading of
            eq. 12: ``0.5 * L_sup + 1 * L_cons``).
        unsup_weight (float): weight of each guide's (teacher's, reviewer's)
            unsupervised term. Defaults to 1.0. The other reading of eq. 12
            is ``sup_weight=1.0, unsup_weight=0.5``.
        unsup_rampup_iters (int): linear ramp of ``unsup_weight`` after
            burn-in.
        burn_in_iters (int): supervised-only iterations at the start; the
            reviewers are copies of their networks until it ends.
        teacher_bn_mode (str): ``'train'`` or ``'eval'``. Defaults to 'train'.
        student_forward (str): ``'joint'``: a student's labeled and hard-view
            crops go through one forward (BatchNorm over both);
            ``'separate'``: two forwards, BatchNorm over each part, as in Xie
            et al.'s code. Defaults to 'separate' (the paper configs'; the
            CPU quick start sets 'joint', one forward instead of two).
        hard_view (dict, optional): the hard-view affine. Defaults to
            ``dict(type='HardViewAffine')``.
        pre_affine_aug (dict, optional): augmentation applied in the easy frame
            at the teacher's keypoints before the affine (Keypoint-Mix):
            shorthand for ``hard_paths=[[pre_affine_aug]]``.
        hard_paths (list[list[dict]], optional): several hard views per crop,
            each a list of augmentations, sharing one affine draw and the
            targets (multi-path, :mod:`.student_step`).
        compute_acc (bool): log PCK accuracy of the supervised terms.
        train_cfg (dict, optional): unused; accepted so that MMPose tools
            that set ``model.train_cfg`` work.
        test_cfg (dict): ``predict_on``: one of 'f', 'g', 'reviewer_f',
            'reviewer_g'. Defaults to ``dict(predict_on='f')``.

    The weights, burn-in, BatchNorm mode, ``compute_acc``, ``train_cfg``,
    ``test_cfg`` and ``init_cfg`` are :class:`~.SemiPoseEstimator`'s.
    """

    def __init__(self,
                 net_f: dict,
                 net_g: Optional[dict] = None,
                 use_reviewers: bool = True,
                 reviewer_pairing: str = 'teacher',
                 train_reviewers_on_labeled: bool = False,
                 student_forward: str = 'separate',
                 hard_view: Optional[dict] = None,
                 pre_affine_aug: Optional[dict] = None,
                 hard_paths: Optional[Sequence[Sequence[dict]]] = None,
                 **kwargs):
        super().__init__(**kwargs)
        check_choice('reviewer_pairing', reviewer_pairing,
                     ('teacher', 'student'))
        self.use_reviewers = use_reviewers
        self.reviewer_pairing = reviewer_pairing
        self.train_reviewers_on_labeled = train_reviewers_on_labeled
        self.build_networks(
            dict(f=net_f, g=net_g),
            dict(reviewer=NETWORKS) if use_reviewers else {},
            train_copies=train_reviewers_on_labeled)
        if train_reviewers_on_labeled and use_reviewers:
            self.extra_sup_names = REVIEWERS
        self.setup_student_step(hard_view, hard_paths, student_forward,
                                pre_affine_aug)

    @property
    def guide_names(self) -> tuple:
        """f, g (teachers) and their reviewers."""
        return self.predictor_names

    def semi_loss(self, x_l: Tensor, targets: Optional[tuple], x_u: Tensor,
                  scale: float) -> Dict[str, Tensor]:
        """f teaches g and g teaches f; each student is also guided by a
        reviewer (the teacher's EMA, or its own with
        ``reviewer_pairing='student'``)."""
        easy = self.guide_predictions(x_u, self.guide_names)
        losses = {}
        for student, teacher in (('g', 'f'), ('f', 'g')):
            guides = {'teacher': easy[teacher]}
            if self.use_reviewers:
                owner = teacher if self.reviewer_pairing == 'teacher' \
                    else student
                guides['reviewer'] = easy[f'reviewer_{owner}']
            losses.update(
                self.student_losses(student, x_l, targets, x_u, guides, scale))
        return losses
