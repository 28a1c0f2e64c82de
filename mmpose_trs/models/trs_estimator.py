"""Teacher-Reviewer-Student semi-supervised pose estimator (Yun et al.)."""
import copy
from typing import Dict, List, Optional, Union

import torch
from mmengine.logging import MessageHub
from mmengine.model import BaseModel
from torch import Tensor, nn

from mmpose.evaluation.functional import pose_pck_accuracy
from mmpose.registry import MODELS
from mmpose.utils.tensor_utils import to_numpy
from mmpose.utils.typing import OptMultiConfig, OptSampleList
from .batch_split import split_batch, stack_targets
from .heatmap_frame import shared_heatmap_scale
from .network_ops import bn_mode, check_choice, heads_forward, level_suffix
from .networks import (NETWORKS, PREDICTORS, REVIEWERS,
                       expand_plain_state_dict, module_name)

__all__ = ['TRSPoseEstimator']


@MODELS.register_module()
class TRSPoseEstimator(BaseModel):
    """Two top-down pose networks ``net_f``/``net_g`` that teach each other on
    unlabeled crops, plus their EMA copies ``reviewer_f``/``reviewer_g``.

    One training step (per student ``L = sup_weight * L_s + unsup_weight *
    sum over guides of L_u``, METHOD.md eq. 12): supervised MSE for f and g
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
            Defaults to 0.5 (Xie et al.'s code and METHOD.md's reading of
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
            et al.'s code. Defaults to 'joint'.
        hard_view (dict, optional): the hard-view affine. Defaults to
            ``dict(type='HardViewAffine')``.
        pre_affine_aug (dict, optional): augmentation applied in the easy frame
            at the teacher's keypoints before the affine (Keypoint-Mix).
        compute_acc (bool): log PCK accuracy of the supervised terms.
        train_cfg (dict, optional): unused; accepted so that MMPose tools
            that set ``model.train_cfg`` work.
        test_cfg (dict): ``predict_on``: one of 'f', 'g', 'reviewer_f',
            'reviewer_g'. Defaults to ``dict(predict_on='f')``.
    """

    def __init__(self,
                 net_f: dict,
                 net_g: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 use_reviewers: bool = True,
                 reviewer_pairing: str = 'teacher',
                 train_reviewers_on_labeled: bool = False,
                 sup_weight: float = 0.5,
                 unsup_weight: float = 1.0,
                 unsup_rampup_iters: int = 0,
                 burn_in_iters: int = 0,
                 teacher_bn_mode: str = 'train',
                 student_forward: str = 'joint',
                 hard_view: Optional[dict] = None,
                 pre_affine_aug: Optional[dict] = None,
                 compute_acc: bool = True,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None,
                 init_cfg: OptMultiConfig = None):
        if isinstance(data_preprocessor, dict):  # any default scope
            data_preprocessor = MODELS.build(data_preprocessor)
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        check_choice('reviewer_pairing', reviewer_pairing,
                     ('teacher', 'student'))
        check_choice('teacher_bn_mode', teacher_bn_mode, ('train', 'eval'))
        check_choice('student_forward', student_forward, ('joint', 'separate'))
        self.use_reviewers = use_reviewers
        self._build_networks(net_f, net_g, train_reviewers_on_labeled)
        self.reviewer_pairing = reviewer_pairing
        self.train_reviewers_on_labeled = train_reviewers_on_labeled
        self.sup_weight = sup_weight
        self.unsup_weight = unsup_weight
        self.unsup_rampup_iters = unsup_rampup_iters
        self.burn_in_iters = burn_in_iters
        self.teacher_bn_mode = teacher_bn_mode
        self.student_forward = student_forward
        self.hard_view = MODELS.build(hard_view or dict(type='HardViewAffine'))
        self.pre_affine_aug = (
            MODELS.build(pre_affine_aug) if pre_affine_aug else None)
        self.compute_acc = compute_acc
        self.train_cfg = train_cfg or {}  # accepted for mmpose.apis
        self.test_cfg = {'predict_on': 'f', **(test_cfg or {})}
        check_choice('test_cfg.predict_on', self.test_cfg['predict_on'],
                     self.predictor_names)
        self._register_load_state_dict_pre_hook(self._expand_plain_checkpoint)

    def _build_networks(self, net_f: dict, net_g: Optional[dict],
                        train_reviewers: bool) -> None:
        """``net_f``, ``net_g`` (a copy of f's config if None) and, with
        reviewers, their EMA copies (frozen unless ``train_reviewers``)."""

        def build(cfg: dict) -> nn.Module:
            cfg = copy.deepcopy(cfg)
            cfg.pop('data_preprocessor', None)  # preprocessed once, here
            return MODELS.build(cfg)

        self.net_f = build(net_f)
        self.net_g = build(net_g if net_g is not None else net_f)
        # image pixels per heatmap pixel, from the codec (MSRA, UDP, ...)
        self.heatmap_scale = shared_heatmap_scale(
            {module_name(n): self.network(n)
             for n in NETWORKS})
        if self.use_reviewers:
            self.reviewer_f = copy.deepcopy(self.net_f)
            self.reviewer_g = copy.deepcopy(self.net_g)
            for r in (self.reviewer_f, self.reviewer_g):
                r.requires_grad_(train_reviewers)
                r.eval()  # a new module starts in train mode

    @property
    def predictor_names(self) -> tuple:
        """Networks that can predict: f, g and, if built, the reviewers."""
        return PREDICTORS if self.use_reviewers else NETWORKS

    def network(self, name: str) -> nn.Module:
        """The sub-network called ``name`` ('f', 'g', 'reviewer_f', ...)."""
        return getattr(self, module_name(name))

    def train(self, mode: bool = True) -> 'TRSPoseEstimator':
        """Set train/eval mode; reviewers always stay in eval mode."""
        super().train(mode)
        if self.use_reviewers:
            self.reviewer_f.eval()
            self.reviewer_g.eval()
        return self

    # ------------------------------------------------------------------ loss
    def current_iter(self) -> int:
        """Training iteration, as the runner's ``RuntimeInfoHook`` records."""
        return int(MessageHub.get_current_instance().get_info('iter', 0))

    def unsup_scale(self, it: int) -> float:
        """lambda at iteration ``it``: 0 during burn-in, then a linear ramp
        over ``unsup_rampup_iters`` to ``unsup_weight``."""
        if it < self.burn_in_iters:
            return 0.
        if self.unsup_rampup_iters <= 0:
            return self.unsup_weight
        ramp = (it - self.burn_in_iters + 1) / self.unsup_rampup_iters
        return self.unsup_weight * min(1., ramp)

    def loss(self, inputs: Tensor, data_samples: List) -> Dict[str, Tensor]:
        """Losses of one mixed batch; keys name the network and the term."""
        (x_l, samples_l), (x_u, _) = split_batch(inputs, data_samples)
        targets = stack_targets(samples_l) if samples_l else None
        scale = self.unsup_scale(self.current_iter())
        losses = {}
        if scale == 0. or x_u.shape[0] == 0:
            if targets is not None:
                losses.update(self._plain_sup_losses(NETWORKS, x_l, targets))
        else:
            easy = self._easy_view_predictions(x_u)
            for student, teacher in (('g', 'f'), ('f', 'g')):
                losses.update(
                    self._student_losses(student, teacher, x_l, x_u, easy,
                                         targets, scale))
        if self.train_reviewers_on_labeled and targets is not None:
            losses.update(self._plain_sup_losses(REVIEWERS, x_l, targets))
        return losses

    @torch.no_grad()
    def _easy_view_predictions(self, x_u: Tensor) -> Dict[str, List[Tensor]]:
        """Heatmap levels of f, g (teachers) and the reviewers on the easy
        view, without gradients."""
        preds = {}
        for name in NETWORKS:
            with bn_mode(self.network(name), self.teacher_bn_mode):
                preds[name] = heads_forward(self.network(name), x_u)
        if self.use_reviewers:
            for name in NETWORKS:
                preds[f'reviewer_{name}'] = heads_forward(
                    self.network(f'reviewer_{name}'), x_u)
        return preds

    def _student_losses(self, student, teacher, x_l, x_u, easy, targets,
                        scale) -> Dict[str, Tensor]:
        """Supervised and unsupervised terms of one student."""
        guides = {'teacher': easy[teacher]}
        if self.use_reviewers:
            owner = teacher if self.reviewer_pairing == 'teacher' else student
            guides['reviewer'] = easy[f'reviewer_{owner}']
        x_easy = x_u
        if self.pre_affine_aug is not None:
            x_easy = self.pre_affine_aug(x_u, easy[teacher][-1],
                                         self.heatmap_scale)
        flat = [hm for levels in guides.values() for hm in levels]
        hard, warped, mask = self.hard_view(x_easy, flat, self.heatmap_scale)
        n_l = x_l.shape[0]
        out = self._student_forward(self.network(student), x_l, hard)
        losses = {}
        if targets is not None and n_l > 0:
            losses.update(
                self._sup_losses(student, [o[:n_l] for o in out], targets))
        loss_fn = self.network(student).head.loss_module
        n_lv, start = len(out), 0
        for role, levels in guides.items():
            targets_u = warped[start:start + len(levels)]
            start += len(levels)
            for i, o in enumerate(out):
                # final level with final level; a guide with fewer levels
                # supervises the student's extra levels with its earliest one
                target = targets_u[max(0, len(levels) - n_lv + i)]
                key = f'unsup_{student}_{role}_loss_kpt{level_suffix(i, n_lv)}'
                losses[key] = scale * loss_fn(o[n_l:], target, None, mask)
        return losses

    def _student_forward(self, net, x_l: Tensor, hard: Tensor) -> List[Tensor]:
        """Heatmap levels of a student on ``cat([x_l, hard])`` [N_l + N_u,
        K, h, w], from one forward (``'joint'``) or two (``'separate'``)."""
        if self.student_forward == 'joint' or x_l.shape[0] == 0:
            return heads_forward(net, torch.cat([x_l, hard]))
        parts = zip(heads_forward(net, x_l), heads_forward(net, hard))
        return [torch.cat(p) for p in parts]

    def _plain_sup_losses(self, names: tuple, x_l: Tensor,
                          targets: tuple) -> Dict[str, Tensor]:
        """Supervised terms of the networks ``names`` on the labeled crops
        alone (burn-in, reviewers trained on labels)."""
        losses = {}
        for name in names:
            out = heads_forward(self.network(name), x_l)
            losses.update(self._sup_losses(name, out, targets))
        return losses

    def _sup_losses(self, name: str, out: List[Tensor],
                    targets) -> Dict[str, Tensor]:
        """Supervised MSE of every heatmap level against the ground truth."""
        heatmaps, weights = targets
        loss_fn = self.network(name).head.loss_module
        losses = {}
        for i, o in enumerate(out):
            losses[f'sup_{name}_loss_kpt{level_suffix(i, len(out))}'] = \
                self.sup_weight * loss_fn(o, heatmaps, weights)
        if self.compute_acc:
            _, acc, _ = pose_pck_accuracy(
                output=to_numpy(out[-1]),
                target=to_numpy(heatmaps),
                mask=to_numpy(weights) > 0)
            losses[f'sup_{name}_acc_pose'] = torch.tensor(
                acc, device=heatmaps.device)
        return losses

    # --------------------------------------------------------------- predict
    def predict(self,
                inputs: Tensor,
                data_samples: List,
                net: Optional[str] = None) -> List:
        """Predict with the network ``net`` (default ``test_cfg.predict_on``),
        through MMPose's own top-down ``predict`` (flip test, decoding)."""
        name = net or self.test_cfg['predict_on']
        check_choice('net', name, self.predictor_names)
        return self.network(name).predict(inputs, data_samples)

    def _forward(self, inputs: Tensor, data_samples=None):
        return self.network(self.test_cfg['predict_on'])._forward(inputs)

    def forward(self,
                inputs: Tensor,
                data_samples: OptSampleList = None,
                mode: str = 'tensor') -> Union[dict, list, Tensor]:
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self._forward(inputs, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}"')

    # ----------------------------------------------------------- checkpoint
    def _expand_plain_checkpoint(self, state_dict: dict, prefix: str, *args,
                                 **kwargs) -> None:
        """Load a plain MMPose top-down checkpoint (``backbone.*``,
        ``head.*``) into every network of :attr:`predictor_names`."""
        expand_plain_state_dict(state_dict, prefix, self.predictor_names)
