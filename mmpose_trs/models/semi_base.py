"""What every semi-supervised estimator of the plugin shares: named networks,
their copies, the supervised burn-in, the unsupervised ramp and prediction.

Networks are named as in :mod:`.networks`: trained ones (``f``, ``g``, ``s``)
are the modules ``net_<name>``; copies are ``reviewer_<name>`` (EMA, updated
by :class:`~mmpose_trs.engine.ReviewerEMAHook`) and ``snapshot_<name>``
(refreshed every ``snapshot_interval`` iterations by the model itself). The
hard-view stage and the student losses are in :class:`.StudentTraining`.

Symbols:
    N_l, N_u: labeled / unlabeled crops; K: keypoints; h, w: heatmap size
"""
import copy
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
from mmengine.logging import MessageHub
from mmengine.model import BaseModel
from torch import Tensor, nn

from mmpose.registry import MODELS
from mmpose.utils.typing import OptMultiConfig, OptSampleList
from ..utils.branches import EPOCH_ITERS
from ..utils.networks import copy_name, expand_plain_state_dict, module_name
from .batch_split import split_batch, stack_targets
from .heatmap_frame import shared_heatmap_scale
from .keypoint_step import KeypointStepMixin, stack_keypoints
from .level_losses import level_losses, pck_accuracy
from .network_ops import bn_mode, check_choice, ema_update, heads_forward
from .prediction import PredictionMixin

#: copies that predict and are evaluated (snapshots only guide training)
PREDICTING_COPIES = ('reviewer', )


class SemiPoseEstimator(PredictionMixin, KeypointStepMixin, BaseModel):
    """Base of the semi-supervised estimators (not registered).

    Subclasses build their networks with :meth:`build_networks` and write
    :meth:`semi_loss`, the method's step on a mixed batch after burn-in.

    Args:
        data_preprocessor (dict, optional): shared by all networks.
        sup_weight (float): weight of each supervised term. Defaults to 0.5.
        unsup_weight (float): weight of each unsupervised term. Defaults
            to 1.0.
        unsup_rampup_iters (int): linear ramp of ``unsup_weight`` after
            burn-in. Defaults to 0.
        burn_in_iters (int): supervised-only iterations at the start.
        teacher_bn_mode (str): BatchNorm mode of trained networks and
            snapshots when they predict targets: ``'train'`` (batch
            statistics, as Xie et al.) or ``'eval'``. Reviewers always use
            ``'eval'``. Defaults to 'train'.
        snapshot_interval (int | str, optional): refresh snapshots every so
            many iterations (and at iteration 0), or ``'epoch'``: every
            epoch of the mixed stream (``MixedEpochTrainLoop``). Defaults to
            None (no snapshots).
        target_space (str): ``'heatmap'``: the guides' heatmaps warped into
            the hard view (the paper's; heatmap networks of one frame
            only); ``'keypoint'``: decoded, moved and encoded again in each
            student's codec (any head, mixed pairs; :mod:`.keypoint_step`);
            ``'auto'``: heatmap when possible. Defaults to 'auto'.
        keypoint_score_thr (float): keypoint space: guide keypoints scoring
            at most this get weight 0. Defaults to 0.
        keypoint_soft_weight (bool): keypoint space: weight each guide
            keypoint by its score (else 1). Defaults to False.
        unsup_target_level (str): how a multi-level student learns from a
            multi-level guide: ``'matched'``: each level from the guide's
            level of the same rank (final with final); ``'final'``: every
            level from the guide's final level. Defaults to 'matched'.
        compute_acc (bool): log PCK accuracy of the supervised terms.
        train_cfg (dict, optional): unused; accepted for MMPose tools.
        test_cfg (dict, optional): ``predict_on``: the network that predicts,
            or an ensemble of networks (``('f', 'g')``: heatmaps averaged).
        init_cfg (dict, optional): initialisation config.
    """

    def __init__(self,
                 data_preprocessor: Optional[dict] = None,
                 sup_weight: float = 0.5,
                 unsup_weight: float = 1.0,
                 unsup_rampup_iters: int = 0,
                 burn_in_iters: int = 0,
                 teacher_bn_mode: str = 'train',
                 snapshot_interval: Union[int, str, None] = None,
                 unsup_target_level: str = 'matched',
                 target_space: str = 'auto',
                 keypoint_score_thr: float = 0.,
                 keypoint_soft_weight: bool = False,
                 compute_acc: bool = True,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None,
                 init_cfg: OptMultiConfig = None):
        if isinstance(data_preprocessor, dict):  # any default scope
            data_preprocessor = MODELS.build(data_preprocessor)
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        check_choice('teacher_bn_mode', teacher_bn_mode, ('train', 'eval'))
        check_choice('unsup_target_level', unsup_target_level,
                     ('matched', 'final'))
        self.unsup_target_level = unsup_target_level
        self._targets_cfg = dict(
            target_space=target_space,
            keypoint_score_thr=keypoint_score_thr,
            keypoint_soft_weight=keypoint_soft_weight)
        if snapshot_interval != 'epoch' and snapshot_interval is not None \
                and snapshot_interval < 1:
            raise ValueError("snapshot_interval must be >= 1, 'epoch' or "
                             f'None, got {snapshot_interval}')
        self.sup_weight = sup_weight
        self.unsup_weight = unsup_weight
        self.unsup_rampup_iters = unsup_rampup_iters
        self.burn_in_iters = burn_in_iters
        self.teacher_bn_mode = teacher_bn_mode
        self.snapshot_interval = snapshot_interval
        self.compute_acc = compute_acc
        self.train_cfg = train_cfg or {}  # accepted for mmpose.apis
        self._test_cfg = dict(test_cfg or {})
        self.trained_names: Tuple[str, ...] = ()
        self.copy_names: Tuple[str, ...] = ()
        #: networks whose supervised loss is added in every step
        self.extra_sup_names: Tuple[str, ...] = ()
        #: a :class:`~.target_record.TargetRecord` while a hook measures the
        #: students' targets, else None
        self.target_record = None
        self._register_load_state_dict_pre_hook(self._expand_plain_checkpoint)

    # -------------------------------------------------------------- networks
    def build_networks(self,
                       trained: Dict[str, dict],
                       copies: Dict[str, Sequence[str]],
                       train_copies: bool = False) -> None:
        """Build the trained networks and their copies.

        Args:
            trained (dict): ``{name: TopdownPoseEstimator config}``; a None
                config is a copy of the first network's config
                (independently initialised).
            copies (dict): ``{kind: names}``, e.g. ``{'reviewer': ('f',
                'g')}`` builds ``reviewer_f``, ``reviewer_g``: frozen (unless
                ``train_copies``) and in eval mode.
        """
        first = next(iter(trained.values()))
        for name, cfg in trained.items():
            cfg = copy.deepcopy(cfg if cfg is not None else first)
            cfg.pop('data_preprocessor', None)  # preprocessed once, here
            setattr(self, module_name(name), MODELS.build(cfg))
        self.trained_names = tuple(trained)
        self.setup_targets(self.trained_names, **self._targets_cfg)
        # image pixels per heatmap pixel, from the codec (MSRA, UDP, ...)
        self.heatmap_scale = shared_heatmap_scale(
            {module_name(n): self.network(n)
             for n in self.trained_names
             }) if self.target_space == 'heatmap' else None
        names = []
        for kind, sources in copies.items():
            for src in sources:
                net = copy.deepcopy(self.network(src))
                net.requires_grad_(train_copies)
                setattr(self, module_name(copy_name(kind, src)), net.eval())
                names.append(copy_name(kind, src))
        self.copy_names = tuple(names)
        predict_on = self._test_cfg.get('predict_on', self.trained_names[0])
        if not isinstance(predict_on, str):
            predict_on = tuple(predict_on)
        self.test_cfg = {**self._test_cfg, 'predict_on': predict_on}
        self.check_target(predict_on, 'test_cfg.predict_on')

    @property
    def predictor_names(self) -> tuple:
        """Networks that predict and are evaluated: the trained networks and
        their reviewers."""
        return self.trained_names + tuple(
            n for n in self.copy_names if n.split('_')[0] in PREDICTING_COPIES)

    def network(self, name: str) -> nn.Module:
        """The network called ``name`` ('f', 'reviewer_f', 'snapshot_g')."""
        if not hasattr(self, module_name(name)):
            raise ValueError(f'{type(self).__name__} has no network {name!r}; '
                             f'it has {self.trained_names + self.copy_names}')
        return getattr(self, module_name(name))

    def copies_of(self, kind: str) -> Dict[str, str]:
        """``{copy: trained network}`` of one kind, e.g.
        ``{'reviewer_f': 'f', 'reviewer_g': 'g'}``."""
        prefix = kind + '_'
        return {
            n: n[len(prefix):]
            for n in self.copy_names if n.startswith(prefix)
        }

    def train(self, mode: bool = True) -> 'SemiPoseEstimator':
        """Set train/eval mode; copies always stay in eval mode."""
        super().train(mode)
        for name in self.copy_names:
            self.network(name).eval()
        return self

    def snapshot_period(self) -> Optional[int]:
        """Iterations between snapshot refreshes: ``snapshot_interval``, or
        for ``'epoch'`` one epoch of the mixed stream (as the train loop
        records it)."""
        if self.snapshot_interval != 'epoch':
            return self.snapshot_interval
        period = MessageHub.get_current_instance().get_info(EPOCH_ITERS)
        if period is None:
            raise RuntimeError(
                "snapshot_interval='epoch' refreshes the snapshots every "
                'epoch of the mixed stream, which MixedEpochTrainLoop '
                'records; with another train loop set snapshot_interval to '
                'a number of iterations')
        return int(period)

    def refresh_snapshots(self, it: int) -> bool:
        """Copy every network into its snapshot at iteration 0 and every
        :meth:`snapshot_period` iterations; returns whether it did."""
        period = self.snapshot_period()
        if not period or it % period:
            return False
        for snap, src in self.copies_of('snapshot').items():
            ema_update(self.network(snap), self.network(src), 0.)
        return True

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
        """Losses of one mixed batch; keys name the network and the term.

        Supervised only during burn-in (or without unlabeled crops), then
        :meth:`semi_loss`.
        """
        it = self.current_iter()
        self.refresh_snapshots(it)
        (x_l, samples_l), (x_u, _) = split_batch(inputs, data_samples)
        stack = stack_targets if self.target_space == 'heatmap' else \
            stack_keypoints
        targets = stack(samples_l) if samples_l else None
        scale = self.unsup_scale(it)
        losses = {}
        if scale == 0. or x_u.shape[0] == 0:
            losses.update(self.sup_only(self.trained_names, x_l, targets))
        else:
            losses.update(self.semi_loss(x_l, targets, x_u, scale))
        losses.update(self.sup_only(self.extra_sup_names, x_l, targets))
        return losses

    @property
    def guide_names(self) -> tuple:
        """Networks that predict targets on the easy view in every step."""
        raise NotImplementedError

    def semi_loss(self, x_l: Tensor, targets: Optional[tuple], x_u: Tensor,
                  scale: float) -> Dict[str, Tensor]:
        """The method's losses on labeled crops ``x_l`` [N_l, C, H, W] (with
        ``targets``: heatmaps [N_l, K, h, w], weights [N_l, K]) and unlabeled
        crops ``x_u`` [N_u, C, H, W], unsupervised weight ``scale``."""
        raise NotImplementedError

    @torch.no_grad()
    def guide_predictions(self, x_u: Tensor,
                          names: Sequence[str]) -> Dict[str, List[Tensor]]:
        """Heatmap levels of the networks ``names`` on the easy view, without
        gradients: trained networks and snapshots in ``teacher_bn_mode``,
        reviewers in eval mode."""
        preds = {}
        for name in names:
            mode = 'eval' if name.startswith('reviewer_') else \
                self.teacher_bn_mode
            with bn_mode(self.network(name), mode):
                preds[name] = heads_forward(self.network(name), x_u)
        if self.target_space == 'keypoint':
            preds = self.decode_guides(preds)
        if self.target_record is not None:
            self.target_record.add_easy(preds)
        return preds

    def sup_only(self, names: Sequence[str], x_l: Tensor,
                 targets: Optional[tuple]) -> Dict[str, Tensor]:
        """Supervised terms of the networks ``names`` on the labeled crops
        alone (burn-in, reviewers trained on labels)."""
        losses = {}
        if targets is None:
            return losses
        for name in names:
            out = heads_forward(self.network(name), x_l)
            losses.update(self.sup_losses(name, out, targets))
        return losses

    def sup_losses(self, name: str, out: List[Tensor],
                   targets: tuple) -> Dict[str, Tensor]:
        """Supervised loss of every heatmap level against the ground truth
        (``sup_<name>_loss_kpt[_l<i>]``) and the PCK of the final level."""
        if self.target_space == 'keypoint':
            return self.keypoint_sup_losses(name, out, targets)
        heatmaps, weights = targets
        losses = level_losses(
            self.network(name).head.loss_module,
            out,
            heatmaps,
            f'sup_{name}_loss_kpt',
            weights,
            scale=self.sup_weight)
        if self.compute_acc:
            losses[f'sup_{name}_acc_pose'] = pck_accuracy(
                out[-1], heatmaps, weights)
        return losses

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

    def _expand_plain_checkpoint(self, state_dict: dict, prefix: str, *args,
                                 **kwargs) -> None:
        """Load a plain MMPose top-down checkpoint (``backbone.*``,
        ``head.*``) into every network (trained networks and copies) whose
        weights have its names and shapes; others (an SSPCM student with
        another backbone) keep their initialisation."""
        plain = {
            k[len(prefix):]: v.shape
            for k, v in state_dict.items() if k.startswith(prefix)
        }
        names = self.trained_names + self.copy_names
        fits = [n for n in names if _fits(self.network(n), plain)]
        expand_plain_state_dict(state_dict, prefix, fits or names)


def _fits(net: nn.Module, shapes: dict) -> bool:
    """Whether every plain-checkpoint tensor that ``net`` has a name for has
    the same shape there, and ``net`` has names for all of them."""
    own = net.state_dict()
    plain = {k: v for k, v in shapes.items() if '.' in k}
    return all(k in own and own[k].shape == v for k, v in plain.items())
