"""The methods (TRS and Dual, SSPCM, Single) on one semi-supervised base,
the MFL head, the hard view and the hard-view augmentations."""
from .batch_mix_augs import RandomCutMix, TeacherCutOcclude
from .batch_split import is_labeled, split_batch, stack_targets
from .hard_view import HardViewAffine
from .multi_level_head import MultiLevelHeatmapHead
from .network_ops import heads_forward
from .photometric_augs import BatchRandAugment, RandomMixup
from .pre_affine_augs import (RandomCutout, TeacherJointCutout,
                              TeacherKeypointMix)
from .semi_base import SemiPoseEstimator
from .single_estimator import SinglePoseEstimator
from .sspcm_estimator import SSPCMPoseEstimator
from .trs_estimator import TRSPoseEstimator

__all__ = [
    'TRSPoseEstimator', 'SSPCMPoseEstimator', 'SinglePoseEstimator',
    'SemiPoseEstimator', 'TeacherCutOcclude', 'RandomCutMix', 'RandomMixup',
    'BatchRandAugment', 'HardViewAffine', 'MultiLevelHeatmapHead',
    'TeacherKeypointMix', 'TeacherJointCutout', 'RandomCutout',
    'heads_forward', 'is_labeled', 'split_batch', 'stack_targets'
]
