"""Models of mmpose-trs."""
from .batch_split import is_labeled, split_batch, stack_targets
from .hard_view import HardViewAffine
from .trs_estimator import TRSPoseEstimator, heads_forward

__all__ = ['TRSPoseEstimator', 'HardViewAffine', 'heads_forward',
           'is_labeled', 'split_batch', 'stack_targets']
