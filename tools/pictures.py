"""Pictures for the docs: Keypoint-Mix on real images, and the heatmaps of
teacher, reviewer and student (and of each MFL level) for one person crop."""
from typing import List, Optional, Sequence

import cv2
import numpy as np
import torch

from mmpose_trs.models.network_ops import heads_forward
from mmpose_trs.ops.patches import keypoint_mix

CHOSEN = (0, 0, 255)
PATCH = (0, 255, 255)


def keypoint_mix_panels(ann_file: str,
                        img_dir: str,
                        k: int = 5,
                        patch_size: int = 24,
                        seed: int = 0,
                        max_images: int = 6,
                        input_size=(192, 256)) -> np.ndarray:
    """Top-down person crops of a COCO json before and after Keypoint-Mix at
    their ground-truth keypoints; the chosen keypoints are marked (red dots,
    yellow patch outlines).

    Returns:
        np.ndarray: one BGR picture: originals on top, mixed below.
    """
    from mmengine.registry import init_default_scope

    from mmpose.registry import DATASETS
    init_default_scope('mmpose')
    dataset = DATASETS.build(
        dict(
            type='CocoDataset',
            ann_file=ann_file,
            data_mode='topdown',
            data_prefix=dict(img=img_dir + '/'),
            pipeline=[
                dict(type='LoadImage'),
                dict(type='GetBBoxCenterScale'),
                dict(type='TopdownAffine', input_size=input_size)
            ]))
    gen = torch.Generator().manual_seed(seed)
    originals, mixed_crops = [], []
    for i in range(min(max_images, len(dataset))):
        d = dataset[i]
        crop = d['img']
        xy = torch.from_numpy(
            np.asarray(d['transformed_keypoints'],
                       np.float32).reshape(1, -1, 2))
        valid = torch.from_numpy(
            np.asarray(d['keypoints_visible']).reshape(1, -1) > 0)
        x = torch.from_numpy(crop).float().permute(2, 0, 1)[None]
        out, idx, chosen = keypoint_mix(x, xy, valid, k, patch_size, gen)
        out = out[0].permute(1, 2, 0).round().clamp(0, 255).byte().numpy()
        out = np.ascontiguousarray(out)
        for j in idx[0][chosen[0]].tolist():
            cx, cy = (int(round(v)) for v in xy[0, j].tolist())
            h = patch_size // 2
            cv2.rectangle(out, (cx - h, cy - h),
                          (cx - h + patch_size - 1, cy - h + patch_size - 1),
                          PATCH, 1)
            cv2.circle(out, (cx, cy), 3, CHOSEN, -1)
        originals.append(crop)
        mixed_crops.append(out)
    if not originals:
        raise ValueError(f'{ann_file}: no annotated person to draw')
    return _vstack([
        _hstack(originals, input_size[1]),
        _hstack(mixed_crops, input_size[1])
    ])


def heatmap_overlay(crop: np.ndarray, heatmaps: torch.Tensor) -> np.ndarray:
    """The crop with the max over keypoints of [K, h, w] heatmaps on top."""
    hm = heatmaps.max(0).values.clamp(0, 1).cpu().numpy()
    hm = cv2.resize(hm, (crop.shape[1], crop.shape[0]))
    color = cv2.applyColorMap((hm * 255).astype(np.uint8), cv2.COLORMAP_JET)
    return cv2.addWeighted(crop, 0.5, color, 0.5, 0)


@torch.no_grad()
def network_heatmap_panels(model,
                           inputs: torch.Tensor,
                           crop: np.ndarray,
                           names: Sequence[str] = ('f', 'reviewer_f', 'g'),
                           titles: Optional[List[str]] = None) -> np.ndarray:
    """Row 1: the crop and the heatmaps of each named network (e.g. teacher
    f, its reviewer, student g); row 2: each heatmap level of the first one
    (one panel for a plain head, n for an MFL head).

    Args:
        model (TRSPoseEstimator): in eval mode.
        inputs (Tensor): [1, C, H, W] preprocessed crop.
        crop (np.ndarray): the same crop as a BGR uint8 image.
    """
    titles = titles or [f'{n}' for n in names]
    top = [_title(crop, 'input')]
    for name, title in zip(names, titles):
        levels = heads_forward(model.network(name), inputs)
        top.append(_title(heatmap_overlay(crop, levels[-1][0]), title))
    levels = heads_forward(model.network(names[0]), inputs)
    bottom = [
        _title(heatmap_overlay(crop, lv[0]), f'{names[0]} level {i}')
        for i, lv in enumerate(levels)
    ]
    return _vstack([_hstack(top, 192), _hstack(bottom, 192)])


def _title(img: np.ndarray, text: str) -> np.ndarray:
    img = cv2.resize(
        img, (int(img.shape[1] * 192 / img.shape[0]), 192),
        interpolation=cv2.INTER_NEAREST)
    cv2.putText(img, text, (3, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45,
                (255, 255, 255), 1, cv2.LINE_AA)
    return img


def _hstack(images: List[np.ndarray], height: int) -> np.ndarray:
    return np.concatenate([
        cv2.resize(i, (int(i.shape[1] * height / i.shape[0]), height))
        for i in images
    ], 1)


def _vstack(rows: List[np.ndarray]) -> np.ndarray:
    width = max(r.shape[1] for r in rows)
    return np.concatenate(
        [np.pad(r, ((0, 0), (0, width - r.shape[1]), (0, 0))) for r in rows],
        0)
