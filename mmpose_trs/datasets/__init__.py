"""Datasets, samplers and transforms of mmpose-trs."""
from .samplers import LabeledUnlabeledSampler
from .transforms import KeypointMix
from .unlabeled_dataset import UnlabeledPersonDataset

__all__ = ['LabeledUnlabeledSampler', 'UnlabeledPersonDataset', 'KeypointMix']
