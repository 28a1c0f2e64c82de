"""Draw synthetic people on textured backgrounds, with keypoint visibility.

Left limbs are drawn in a warm tint and right limbs in a cool tint of each
person's clothing colour, so left and right are distinguishable (a requirement
for flip-aware pose estimation). Visibility follows COCO: 2 visible, 1 labeled
but occluded (by an occluder or another person), 0 not labeled.
"""
from typing import Any

import cv2
import numpy as np

# limbs as (keypoint a, keypoint b, side): side 0 left, 1 right, 2 centre
LIMBS = ((5, 7, 0), (7, 9, 0), (11, 13, 0), (13, 15, 0), (6, 8, 1), (8, 10, 1),
         (12, 14, 1), (14, 16, 1))
SIDE_TINT = (np.array([40., 60., 210.]), np.array([210., 120., 40.]))  # BGR


def _pt(p):
    return tuple(int(round(v)) for v in p)


def draw_background(rng: np.random.Generator, height: int,
                    width: int) -> np.ndarray:
    """Low-frequency colour noise plus clutter strokes.

    Returns:
        np.ndarray: [H, W, 3] uint8 BGR image.
    """
    coarse = rng.uniform(0, 255, (rng.integers(2, 6), rng.integers(2, 6), 3))
    img = cv2.resize(
        coarse.astype(np.float32), (width, height),
        interpolation=cv2.INTER_CUBIC)
    img = np.clip(img, 0, 255).astype(np.uint8)
    for _ in range(rng.integers(0, 4)):  # limb-like distractors
        p, q = rng.uniform(0, [width, height], (2, 2))
        color = tuple(int(c) for c in rng.integers(0, 256, 3))
        cv2.line(img, _pt(p), _pt(q), color, int(rng.integers(2, 5)))
    for _ in range(rng.integers(0, 4)):
        c = rng.uniform(0, [width, height])
        color = tuple(int(c) for c in rng.integers(0, 256, 3))
        cv2.circle(img, _pt(c), int(rng.integers(3, 14)), color, -1)
    return img


def draw_person(rng: np.random.Generator, img: np.ndarray, id_map: np.ndarray,
                person: Any, pid: int) -> None:
    """Draw one person into ``img`` and its id into ``id_map`` (in place)."""
    k, h = person.keypoints, person.height
    base = rng.uniform(30, 230, 3)
    skin = tuple(float(v) for v in rng.uniform(90, 230, 3))
    limb_w = max(2, int(round(h * rng.uniform(0.04, 0.06))))
    torso = np.array([k[5], k[6], k[12], k[11]])
    for target, value in ((img, tuple(base)), (id_map, pid)):
        cv2.fillPoly(target, [np.round(torso).astype(np.int32)], value)
    for a, b, side in LIMBS:
        color = tuple(0.4 * base + 0.6 * SIDE_TINT[side])
        for target, value in ((img, color), (id_map, pid)):
            cv2.line(target, _pt(k[a]), _pt(k[b]), value, limb_w)
    joint_r = max(1, limb_w // 2 + 1)
    for j in range(5, 17):
        cv2.circle(img, _pt(k[j]), joint_r, tuple(0.6 * base), -1)
    head_r = max(3, int(round(0.065 * h)))
    for target, value in ((img, skin), (id_map, pid)):
        cv2.circle(target, _pt(person.head_center), head_r, value, -1)
    if person.facing_camera:
        for j, col in ((1, (20, 20, 20)), (2, (20, 20, 20)), (0, (40, 40,
                                                                  170))):
            cv2.circle(img, _pt(k[j]), max(1, head_r // 4), col, -1)
    ear_r = max(1, head_r // 3)
    for j, side in ((3, 0), (4, 1)):
        cv2.circle(img, _pt(k[j]), ear_r,
                   tuple(0.5 * np.array(skin) + 0.5 * SIDE_TINT[side]), -1)


def draw_occluder(rng: np.random.Generator, img: np.ndarray,
                  id_map: np.ndarray, person: Any) -> None:
    """Cover part of ``person`` with a textured box or ellipse (in place)."""
    h = person.height
    c = person.keypoints[rng.integers(0, 17)] + rng.normal(0, 0.08 * h, 2)
    size = rng.uniform(0.12, 0.3, 2) * h
    color = tuple(float(v) for v in rng.uniform(0, 255, 3))
    for target, value in ((img, color), (id_map, -1)):
        if rng.random() < 0.5:
            cv2.rectangle(target, _pt(c - size / 2), _pt(c + size / 2), value,
                          -1)
        else:
            cv2.ellipse(target, _pt(c), _pt(size / 2), 0, 0, 360, value, -1)


def visibility(person: Any, id_map: np.ndarray, pid: int) -> np.ndarray:
    """COCO visibility flags of one person after all drawing.

    Returns:
        np.ndarray: [K] int flags in {0, 1, 2}.
    """
    h, w = id_map.shape
    vis = np.zeros(17, dtype=np.int64)
    for j, (x, y) in enumerate(person.keypoints):
        if not (0 <= x < w and 0 <= y < h):
            continue  # outside the image: not labeled
        if j in (0, 1, 2) and not person.facing_camera:
            continue  # face of a person seen from the back: not labeled
        xi, yi = min(int(x), w - 1), min(int(y), h - 1)
        vis[j] = 2 if id_map[yi, xi] == pid else 1
    return vis


def add_noise(rng: np.random.Generator, img: np.ndarray) -> np.ndarray:
    """Sensor noise and a random global brightness/contrast change."""
    noisy = img.astype(np.float32) * rng.uniform(0.7, 1.2) + rng.uniform(
        -30, 30)
    noisy += rng.normal(0, rng.uniform(2, 12), img.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)
