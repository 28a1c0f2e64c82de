"""Random 2D person poses with the 17 COCO keypoints.

A pose is sampled in a person-local frame (pelvis at the origin, y pointing
down, unit = person height), then rotated, scaled and placed in the image.

Symbols:
    K: number of keypoints (17, COCO order)
"""
from dataclasses import dataclass

import numpy as np

COCO_KEYPOINTS = ('nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
                  'left_shoulder', 'right_shoulder', 'left_elbow',
                  'right_elbow', 'left_wrist', 'right_wrist', 'left_hip',
                  'right_hip', 'left_knee', 'right_knee', 'left_ankle',
                  'right_ankle')
# COCO skeleton, 1-based as in person_keypoints_*.json
COCO_SKELETON = [[16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12],
                 [7, 13], [6, 7], [6, 8], [7, 9], [8, 10], [9, 11], [2, 3],
                 [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7]]
FACE = (0, 1, 2)  # keypoints hidden when a person faces away


@dataclass
class Person:
    """One sampled person.

    Attributes:
        keypoints (np.ndarray): [K, 2] image coordinates (x, y).
        height (float): person height in pixels.
        head_center (np.ndarray): [2] image coordinates of the head.
        facing_camera (bool): False means seen from the back (face hidden).
    """
    keypoints: np.ndarray
    height: float
    head_center: np.ndarray
    facing_camera: bool


def _direction(angle):
    """Unit vector for an angle in radians measured from 'down' (+y)."""
    return np.array([np.sin(angle), np.cos(angle)])


def _limb(rng, start, base_angle, lengths, first_range, bend_range, bend_sign):
    """Two-segment limb from ``start``; returns (middle joint, end joint)."""
    a1 = base_angle + rng.uniform(*first_range)
    mid = start + lengths[0] * _direction(a1)
    a2 = a1 + bend_sign * rng.uniform(*bend_range)
    return mid, mid + lengths[1] * _direction(a2)


def sample_local_pose(rng: np.random.Generator) -> tuple:
    """Sample keypoints in the person-local frame.

    Returns:
        tuple: ([K, 2] keypoints, [2] head centre, facing_camera flag).
    """
    kpt = np.zeros((17, 2))
    lean = rng.normal(0, 0.12)
    up = -_direction(lean)  # torso axis, pelvis -> neck
    side = np.array([-up[1], up[0]])  # image-right of an upright person
    facing = bool(rng.random() < 0.7)
    # facing the camera, the person's left side is on the image right
    left = side if facing else -side
    neck = 0.30 * up
    kpt[5], kpt[6] = neck + 0.11 * left, neck - 0.11 * left
    kpt[11], kpt[12] = 0.075 * left, -0.075 * left
    head = neck + 0.11 * up
    turn = rng.uniform(-0.5, 0.5)  # head yaw, shifts the face sideways
    kpt[0] = head + 0.03 * turn * side - 0.01 * up
    kpt[1] = head + 0.025 * left + 0.02 * up + 0.02 * turn * side
    kpt[2] = head - 0.025 * left + 0.02 * up + 0.02 * turn * side
    kpt[3] = head + 0.05 * left - 0.03 * turn * side
    kpt[4] = head - 0.05 * left - 0.03 * turn * side
    for s in (0, 1):  # left, right
        kpt[7 + s], kpt[9 + s] = _limb(rng, kpt[5 + s], lean, (0.16, 0.14),
                                       (-2.6, 2.6), (0, 2.4),
                                       np.sign(rng.normal()))
        kpt[13 + s], kpt[15 + s] = _limb(rng, kpt[11 + s], lean, (0.22, 0.22),
                                         (-0.8, 0.8), (0, 1.8),
                                         -np.sign(rng.normal()))
    return kpt, head, facing


def place_person(rng: np.random.Generator, local_kpt: np.ndarray,
                 local_head: np.ndarray, facing: bool, height: float,
                 center: np.ndarray) -> Person:
    """Rotate, scale and translate a local pose into the image.

    Args:
        rng (np.random.Generator): random source.
        local_kpt (np.ndarray): [K, 2] local keypoints.
        local_head (np.ndarray): [2] local head centre.
        facing (bool): whether the person faces the camera.
        height (float): person height in pixels.
        center (np.ndarray): [2] image position of the body centre.

    Returns:
        Person: the placed person.
    """
    angle = (
        rng.normal(0, 0.3) if rng.random() < 0.95 else rng.uniform(
            -np.pi, np.pi))
    c, s = np.cos(angle), np.sin(angle)
    rot = np.array([[c, -s], [s, c]])
    mid = local_kpt[[5, 6, 11, 12]].mean(0)
    to_img = lambda p: (p - mid) @ rot.T * height + center  # noqa: E731
    return Person(to_img(local_kpt), height, to_img(local_head), facing)
