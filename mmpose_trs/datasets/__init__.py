"""Datasets, samplers, transforms and splits of mmpose-trs."""
from .clipped_bbox_transform import ClippedNormalBBoxTransform
from .hidden_keypoints import HideKeypoints
from .keypoint_mix_transform import GroundTruthKeypointMix
from .labeled_unlabeled_dataset import LabeledUnlabeledDataset
from .samplers import LabeledUnlabeledSampler
from .unlabeled_dataset import UnlabeledPersonDataset

__all__ = [
    'LabeledUnlabeledDataset', 'LabeledUnlabeledSampler',
    'UnlabeledPersonDataset', 'GroundTruthKeypointMix',
    'ClippedNormalBBoxTransform', 'HideKeypoints'
]
