"""Exponential moving average of each network into its reviewer."""
from typing import Optional

from mmengine.hooks import Hook
from mmengine.hooks.hook import DATA_BATCH
from mmengine.runner import Runner

from mmpose.registry import HOOKS
from ..models.network_ops import ema_update  # noqa: F401 (public here)
from ..utils.networks import unwrap


@HOOKS.register_module()
class ReviewerEMAHook(Hook):
    """Update every reviewer (``reviewer_f`` from ``net_f``, ...) after every
    training iteration.

    Convention: ``momentum`` is the share the reviewer *keeps* (the paper's
    alpha; timm/dinov2 style, not mmengine's ``EMAHook``), so after each step

    ``theta_r <- alpha_t * theta_r + (1 - alpha_t) * theta``,

    with ``alpha_t = min(momentum, (1 + t') / (warmup + t'))`` when ``warmup``
    is set (``t'`` counts steps since burn-in ended), else ``momentum``.

    During the model's supervised burn-in (``burn_in_iters``) and at the first
    iteration the reviewers are full copies of their networks, so the averaging
    starts from the burned-in weights. The reviewers are submodules of the
    model: checkpoints and resume carry them. The EMA horizon
    ``1 / (1 - momentum)`` should be a small share of the schedule: 0.999
    (horizon 1000 steps) suits paper-length runs, 0.99 (100 steps) a few
    thousand iterations.

    Args:
        momentum (float): keep rate alpha in [0, 1). Defaults to 0.999.
        warmup (int, optional): mean-teacher style warm-up length; None for
            none. Defaults to None.
    """

    priority = 'NORMAL'

    def __init__(self,
                 momentum: float = 0.999,
                 warmup: Optional[int] = None) -> None:
        if not 0. <= momentum < 1.:
            raise ValueError(f'momentum must be in [0, 1), got {momentum}')
        if warmup is not None and warmup < 1:
            raise ValueError(f'warmup must be >= 1 or None, got {warmup}')
        self.momentum = momentum
        self.warmup = warmup

    def before_train(self, runner: Runner) -> None:
        model = unwrap(runner.model)
        if not getattr(model, 'copies_of', lambda kind: {})('reviewer'):
            raise RuntimeError(
                'ReviewerEMAHook needs a model with reviewers '
                '(TRSPoseEstimator with use_reviewers=True); remove the hook '
                'from custom_hooks for a model without them')

    def momentum_at(self, it: int, burn_in: int) -> float:
        """alpha used after iteration ``it`` (0-based); 0 means copy."""
        if it == 0 or it < burn_in:
            return 0.
        if self.warmup is None:
            return self.momentum
        t = it - burn_in
        return min(self.momentum, (1. + t) / (self.warmup + t))

    def after_train_iter(self,
                         runner: Runner,
                         batch_idx: int,
                         data_batch: DATA_BATCH = None,
                         outputs: Optional[dict] = None) -> None:
        model = unwrap(runner.model)
        alpha = self.momentum_at(runner.iter, model.burn_in_iters)
        for reviewer, net in model.copies_of('reviewer').items():
            ema_update(model.network(reviewer), model.network(net), alpha)
