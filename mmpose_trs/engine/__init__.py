"""Hooks and loops of mmpose-trs."""
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .exact_resume_hook import (ExactResumeHook, capture_rng_state,
                                restore_rng_state)
from .mixed_epoch_loop import MixedEpochTrainLoop, check_expected_sizes
from .multi_net_loops import MultiNetTestLoop, MultiNetValLoop, merge_metrics
from .non_finite_loss_hook import NonFiniteLossError, NonFiniteLossHook
from .reviewer_ema_hook import ReviewerEMAHook, ema_update
from .startup_check_hook import StartupCheckHook

__all__ = ['ReviewerEMAHook', 'ema_update', 'MultiNetValLoop',
           'MultiNetTestLoop', 'merge_metrics', 'NonFiniteLossHook',
           'NonFiniteLossError', 'StartupCheckHook', 'AtomicCheckpointHook',
           'ExactResumeHook', 'capture_rng_state', 'restore_rng_state',
           'MixedEpochTrainLoop', 'check_expected_sizes']
