"""Generic batched tensor operations (no registry, no MMPose), shared by the
models and the dataset transforms."""
from .patches import (choose_keypoints, fill_patches, keypoint_mix,
                      paste_patches, patch_index)

__all__ = [
    'choose_keypoints', 'patch_index', 'paste_patches', 'keypoint_mix',
    'fill_patches'
]
