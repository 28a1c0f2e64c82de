"""The method's hook and loops: reviewer EMA, multi-network evaluation,
epochs of the mixed labeled/unlabeled stream."""
from .autocast_optim_wrapper import AutocastOptimWrapper
from .channels_last_hook import ChannelsLastHook
from .mixed_epoch_loop import MixedEpochTrainLoop
from .multi_net_loops import MultiNetTestLoop, MultiNetValLoop, merge_metrics
from .networks_ema_hook import NetworksEMAHook
from .pipeline_switch_hook import SemiPipelineSwitchHook
from .reviewer_ema_hook import ReviewerEMAHook, ema_update
from .target_accuracy_hook import TargetAccuracyHook

__all__ = [
    'ReviewerEMAHook', 'ema_update', 'MultiNetValLoop', 'MultiNetTestLoop',
    'merge_metrics', 'MixedEpochTrainLoop', 'TargetAccuracyHook',
    'NetworksEMAHook', 'SemiPipelineSwitchHook', 'AutocastOptimWrapper',
    'ChannelsLastHook'
]
