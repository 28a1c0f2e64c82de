"""Procedural COCO-format person-keypoint data (the embedded dataset)."""
from .generator import (SPLITS, ensure_dataset, generate, has_dataset,
                        render_image)
from .pose_sampler import COCO_KEYPOINTS, COCO_SKELETON

__all__ = [
    'generate', 'ensure_dataset', 'has_dataset', 'render_image', 'SPLITS',
    'COCO_KEYPOINTS', 'COCO_SKELETON'
]
