"""Image folders and videos for the media-source tests: real COCO samples
copied into a nested folder, and short videos written with OpenCV whose
frame i is filled with a known grey level (so a crop tells its frame)."""
import os
import os.path as osp
import shutil

import cv2
import numpy as np
from conftest import REAL_SAMPLES

COCO_DIR = osp.join(REAL_SAMPLES, 'coco')
#: frame size of the generated videos (width, height)
VIDEO_SIZE = (96, 64)


def frame_level(index: int) -> int:
    """The grey level of frame ``index`` of a generated video."""
    return (20 + 9 * index) % 250


def write_video(path: str,
                frames: int = 30,
                fps: float = 10.,
                background: str = None) -> str:
    """A MJPG video of ``frames`` frames, frame i uniformly
    :func:`frame_level` (i) grey (or the image ``background``, resized,
    darkened by i) with a white square that moves."""
    os.makedirs(osp.dirname(path), exist_ok=True)
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*'MJPG'), fps,
                             VIDEO_SIZE)
    assert writer.isOpened(), path
    base = None if background is None else cv2.resize(
        cv2.imread(background), VIDEO_SIZE)
    for i in range(frames):
        if base is None:
            img = np.full((VIDEO_SIZE[1], VIDEO_SIZE[0], 3), frame_level(i),
                          np.uint8)
        else:
            img = (base * (1 - i / (2 * frames))).astype(np.uint8)
        x = 2 * i % (VIDEO_SIZE[0] - 8)
        img[4:12, x:x + 8] = 255
        writer.write(img)
    writer.release()
    return path


def image_folder(root: str) -> list:
    """The real COCO samples under ``root/images`` in two levels; their
    paths relative to it, sorted."""
    names = sorted(f for f in os.listdir(COCO_DIR) if f.endswith('.jpg'))
    rel = []
    for i, name in enumerate(names):
        sub = 'a' if i % 2 else osp.join('b', 'c')
        os.makedirs(osp.join(root, 'images', sub), exist_ok=True)
        shutil.copy(osp.join(COCO_DIR, name), osp.join(root, 'images', sub))
        rel.append(osp.join(sub, name))
    return sorted(rel)
