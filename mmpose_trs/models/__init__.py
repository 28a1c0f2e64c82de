"""Models of mmpose-trs."""
from .batch_split import is_labeled, split_batch, stack_targets
from .hard_augs import CutoutAug, JointCutoutAug, KeypointMixAug
from .hard_view import HardViewAffine
from .keypoint_mix import keypoint_mix
from .multi_level_head import MultiLevelHeatmapHead
from .trs_estimator import TRSPoseEstimator, heads_forward

__all__ = ['TRSPoseEstimator', 'HardViewAffine', 'MultiLevelHeatmapHead',
           'KeypointMixAug', 'JointCutoutAug', 'CutoutAug', 'keypoint_mix',
           'heads_forward', 'is_labeled', 'split_batch', 'stack_targets']
