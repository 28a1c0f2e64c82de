"""Image folders and video files as unlabeled data: listing them, an image's
size from its header, and video frames read by index (the same frame for
the same index, in every process)."""
import os
import os.path as osp
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

IMAGE_EXTS = ('.jpg', '.jpeg', '.png', '.bmp')
VIDEO_EXTS = ('.mp4', '.avi', '.mov', '.mkv', '.webm', '.m4v', '.mpg', '.mpeg')


class FrameReadError(RuntimeError):
    """A video that cannot be opened, or a frame that cannot be read."""


def list_files(folder: str, exts: Sequence[str], what: str) -> List[str]:
    """Files under ``folder`` (recursive) ending in ``exts``, as sorted
    paths relative to it.

    Raises:
        FileNotFoundError: no such folder.
        ValueError: no such file in it.
    """
    if not osp.isdir(folder):
        raise FileNotFoundError(f'{what} folder {folder} does not exist')
    files = sorted(
        osp.relpath(osp.join(root, f), folder)
        for root, _, names in os.walk(folder) for f in names
        if f.lower().endswith(tuple(exts)))
    if not files:
        raise ValueError(f'no {what}s ({", ".join(exts)}) in {folder}')
    return files


def list_images(img_dir: str) -> List[str]:
    """Image files under ``img_dir`` (recursive), as sorted relative
    paths."""
    return list_files(img_dir, IMAGE_EXTS, 'image')


def list_videos(video_dir: str) -> List[str]:
    """Video files under ``video_dir`` (recursive), sorted, relative."""
    return list_files(video_dir, VIDEO_EXTS, 'video')


def image_size(path: str) -> Tuple[int, int]:
    """``(height, width)`` of an image as OpenCV decodes it (EXIF rotation
    applied), from its header only.

    Raises:
        OSError: the file is missing or not an image.
    """
    from PIL import Image
    with Image.open(path) as img:
        width, height = img.size
        orientation = img.getexif().get(0x0112, 1)
    if orientation in (5, 6, 7, 8):  # rotated by 90 degrees
        width, height = height, width
    return height, width


def frame_indices(num_frames: int,
                  video_fps: float,
                  frame_stride: Optional[int] = None,
                  fps: Optional[float] = None) -> List[int]:
    """The frames sampled from a video of ``num_frames`` frames: every
    ``frame_stride``-th, or ``fps`` frames per second of video time (the
    frame nearest to each time step); every frame if neither is given.

    Raises:
        ValueError: both or a non-positive one given.
    """
    if frame_stride is not None and fps is not None:
        raise ValueError('give frame_stride or fps, not both')
    if fps is not None:
        if fps <= 0:
            raise ValueError(f'fps must be > 0, got {fps}')
        if not video_fps or video_fps <= 0:  # unknown rate: every frame
            return list(range(num_frames))
        step = video_fps / fps
        picks = np.round(np.arange(0, num_frames, max(step, 1.))).astype(int)
        return sorted(set(int(i) for i in picks if i < num_frames))
    stride = 1 if frame_stride is None else frame_stride
    if stride < 1:
        raise ValueError(f'frame_stride must be >= 1, got {stride}')
    return list(range(0, num_frames, stride))


def video_info(path: str) -> Tuple[int, float, int, int]:
    """``(frames, fps, height, width)`` from a video's container.

    Raises:
        FrameReadError: it cannot be opened or reports no frames.
    """
    import cv2
    cap = cv2.VideoCapture(path)
    try:
        if not cap.isOpened():
            raise FrameReadError(f'{path}: the video cannot be opened')
        count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT))
        fps = float(cap.get(cv2.CAP_PROP_FPS))
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
    finally:
        cap.release()
    if count <= 0 or height <= 0 or width <= 0:
        raise FrameReadError(f'{path}: the video reports {count} frames of '
                             f'{width}x{height}')
    return count, fps, height, width


def sampled_videos(
    folder: str,
    frame_stride: Optional[int] = None,
    fps: Optional[float] = None,
    max_frames: Optional[int] = None
) -> Tuple[Dict[str, tuple], List[Tuple[str, str]]]:
    """The videos under ``folder`` with their sampled frames
    (:func:`frame_indices`, at most ``max_frames`` per video, the first
    ones) and sizes, and the videos that cannot be opened.

    Returns:
        tuple: ``{file: (frames, (height, width))}`` in sorted order (paths
        relative to ``folder``) and ``[(file, why)]``.
    """
    videos, bad = {}, []
    for name in list_videos(folder):
        try:
            count, rate, height, width = video_info(osp.join(folder, name))
        except FrameReadError as error:
            bad.append((name, str(error).split(': ', 1)[-1]))
            continue
        frames = frame_indices(count, rate, frame_stride, fps)
        videos[name] = (frames[:max_frames], (height, width))
    return videos, bad


class VideoReader:
    """Frames by index, with a few videos kept open per process (a reader
    in a dataset is rebuilt empty in each DataLoader worker: open captures
    are never pickled).

    Reading the next frame of an open video decodes one frame; any other
    index seeks first. Both give the same pixels for the same index.

    Args:
        max_open (int): videos kept open. Defaults to 4.
    """

    def __init__(self, max_open: int = 4):
        self.max_open = max_open
        self._open = OrderedDict()  # path -> [capture, next index]

    def __getstate__(self):
        return dict(max_open=self.max_open)

    def __setstate__(self, state):
        self.__init__(**state)

    def read(self, path: str, index: int) -> np.ndarray:
        """Frame ``index`` of ``path`` as a BGR uint8 array [H, W, 3].

        Raises:
            FrameReadError: naming the video and the frame.
        """
        import cv2
        entry = self._capture(path)
        cap, position = entry
        if position != index:
            cap.set(cv2.CAP_PROP_POS_FRAMES, index)
        ok, frame = cap.read()
        if not ok or frame is None:
            entry[1] = -1  # position unknown: seek next time
            raise FrameReadError(f'{path}: frame {index} cannot be read')
        entry[1] = index + 1
        return frame

    def _capture(self, path: str) -> list:
        import cv2
        if path in self._open:
            self._open.move_to_end(path)
            return self._open[path]
        cap = cv2.VideoCapture(path)
        if not cap.isOpened():
            raise FrameReadError(f'{path}: the video cannot be opened')
        self._open[path] = [cap, 0]
        while len(self._open) > self.max_open:
            _, (old, _) = self._open.popitem(last=False)
            old.release()
        return self._open[path]

    def problem(self, path: str, index: int) -> Optional[str]:
        """Why frame ``index`` of ``path`` cannot be read, or None."""
        try:
            self.read(path, index)
        except FrameReadError as error:
            return str(error).split(': ', 1)[-1]
        return None
