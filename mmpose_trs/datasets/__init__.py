"""Datasets, samplers and transforms of mmpose-trs."""
from . import annotation_errors
from .annotation_errors import AnnotationFileError
from .clipped_bbox_transform import ClippedNormalBBoxTransform
from .samplers import LabeledUnlabeledSampler
from .transforms import KeypointMix
from .unlabeled_dataset import UnlabeledPersonDataset

annotation_errors.install()

__all__ = ['LabeledUnlabeledSampler', 'UnlabeledPersonDataset', 'KeypointMix',
           'AnnotationFileError', 'ClippedNormalBBoxTransform']
