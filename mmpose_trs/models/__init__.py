"""The method: the TRS estimator, the MFL head, the hard view and the
pre-affine augmentations."""
from .batch_split import is_labeled, split_batch, stack_targets
from .hard_view import HardViewAffine
from .multi_level_head import MultiLevelHeatmapHead
from .network_ops import heads_forward
from .pre_affine_augs import (RandomCutout, TeacherJointCutout,
                              TeacherKeypointMix)
from .trs_estimator import TRSPoseEstimator

__all__ = [
    'TRSPoseEstimator', 'HardViewAffine', 'MultiLevelHeatmapHead',
    'TeacherKeypointMix', 'TeacherJointCutout', 'RandomCutout',
    'heads_forward', 'is_labeled', 'split_batch', 'stack_targets'
]
