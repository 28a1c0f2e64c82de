"""Datasets, samplers, transforms and splits of mmpose-trs."""
from .clipped_bbox_transform import ClippedNormalBBoxTransform
from .hidden_keypoints import HideKeypoints
from .image_folder_dataset import UnlabeledImageFolder
from .keypoint_mix_transform import GroundTruthKeypointMix
from .labeled_unlabeled_dataset import LabeledUnlabeledDataset
from .samplers import LabeledUnlabeledSampler
from .unlabeled_dataset import UnlabeledPersonDataset
from .video_frames_dataset import UnlabeledVideoFrames

__all__ = [
    'LabeledUnlabeledDataset', 'LabeledUnlabeledSampler',
    'UnlabeledPersonDataset', 'GroundTruthKeypointMix',
    'ClippedNormalBBoxTransform', 'HideKeypoints', 'UnlabeledImageFolder',
    'UnlabeledVideoFrames'
]
